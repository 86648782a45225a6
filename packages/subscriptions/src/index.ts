/**
 * Registering a plugin's Function URL with BioT's dispatcher as code: the declared set and its
 * checks (also used at synth), the reconciliation the CDK custom resource runs, and the ops view.
 */
export { BiotDispatcher, type CallContext, DISPATCHER_ROUTES } from './biot-dispatcher.js';
export { DISPATCHER_PERMISSIONS } from './biot-permissions.js';
export { type BiotConnection, openDispatcher } from './biot-session.js';
export {
  INTERCEPTION_TYPES,
  type InterceptionType,
  NOTIFICATION_ACTIONS_BY_ENTITY_TYPE,
  NOTIFICATION_ENTITY_TYPES,
} from './biot-vocabulary.js';
export {
  createSubscriptionsHandler,
  PLACEHOLDER_SUMMARY,
  physicalResourceIdFor,
  type RemainingTime,
  type SubscriptionsEventHandler,
  type SubscriptionsHandlerOptions,
  type SubscriptionsResourceResponse,
} from './custom-resource-handler.js';
export {
  canonicalSubscriptions,
  type DeclaredSubscriptions,
  findSubscriptionProblems,
  type InterceptionSubscription,
  NO_SUBSCRIPTIONS,
  type NotificationSubscription,
  parseDeclaredSubscriptions,
} from './declared-subscriptions.js';
export {
  InvalidResourcePropertiesError,
  InvalidSubscriptionsError,
  RegistrationError,
  SubscriptionsError,
} from './errors.js';
export {
  compareSubscriptions,
  type DriftState,
  isInSync,
  planReconciliation,
  type ReconciliationStep,
  type SubscriptionComparison,
} from './reconcile.js';
export type {
  RegisteredInterception,
  RegisteredNotification,
  RegisteredSubscriptions,
} from './registered-subscriptions.js';
export {
  type CommandIo,
  EXIT,
  runSubscriptionsCommand,
  type SubscriptionsCommandArgs,
  type SubscriptionsCommandDependencies,
} from './subscriptions-command.js';
export type { SubscriptionsLogger } from './subscriptions-logger.js';
export { type SyncResult, syncEndpoint } from './sync-endpoint.js';
