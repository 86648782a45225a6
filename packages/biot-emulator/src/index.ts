export type { AdminCommands } from './admin/admin-routes.js';
export {
  DEFAULT_EXECUTION_ORDER,
  INTERCEPTION_TYPES,
  type InterceptionSubscription,
  type InterceptionSubscriptionRequest,
  type InterceptionType,
} from './dispatcher/interception-subscriptions.js';
export type {
  NotificationSubscription,
  NotificationSubscriptionRequest,
} from './dispatcher/notification-subscriptions.js';
export { NOTIFICATION_ACTIONS, NOTIFICATION_ENTITY_TYPES } from './dispatcher/notification-vocabulary.js';
export { type BiotEmulator, startBiotEmulator } from './emulator.js';
export { type BiotEntity, type EntityReference, ROOT_ORGANIZATION_ID } from './entities/entity.js';
export {
  ENTITY_APIS,
  type EntityApi,
  entityApiOfPath,
  isStoredEntityType,
  type StoredEntityType,
} from './entities/entity-apis.js';
export type { EntityCollection } from './entities/entity-collection.js';
export type { EntityStore } from './entities/entity-store.js';
export { seedDevices, seedPatients } from './entities/seed-entities.js';
export {
  BadRequestError,
  BiotHttpError,
  ConflictError,
  EmulatorUsageError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
} from './errors.js';
export type { BiotEvent, BuildEventOptions } from './events/build-event.js';
export { END_USER_ID, type NotificationBodyInput, notificationBody } from './events/event-bodies.js';
export { EVENT_TYPES, type EventType, isEventType } from './events/event-type.js';
export { type FunctionUrlCall, functionUrlEvent, lambdaContext } from './events/function-url-event.js';
export type { PluginAnswer } from './events/send-event.js';
export type { FaultSpec } from './faults/fault.js';
export {
  type BiotErrorBody,
  biotErrorBody,
  EMULATOR_ENVIRONMENT,
  EMULATOR_SERVICE_NAME,
  readBiotErrorBody,
} from './http/error-body.js';
export type { SigningKeyChoice } from './keys/signing-keys.js';
export type { RequestLogEntry } from './observe/request-log.js';
export type { EmulatorStats } from './observe/route-stats.js';
export type { BiotEmulatorOptions } from './options.js';
export type { FieldFilter, SearchRequest, SearchResult, SortOrder } from './search/search-request.js';
export { listen } from './server/listen.js';
export { type BodyReading, readBody } from './server/read-body.js';
export { BIOT_INTERNAL_CALLER_ID, type SignEventTokenOptions } from './tokens/event-token.js';
export { END_USER_SCOPES, INTERCEPTOR_SCOPES, NOTIFICATION_SCOPES } from './tokens/scopes.js';
export type { AccessTokenGrant } from './ums/access-token-sessions.js';
export type {
  CreatedSecretKey,
  SecretKeyView,
  ServiceUserCredentials,
  ServiceUserSpec,
  ServiceUserView,
} from './ums/service-users.js';
