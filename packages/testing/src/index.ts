/**
 * The test kit for plugin authors: a BioT emulator seeded with the test's entities, genuinely
 * signed events per hook, the plugin's real handler, and what BioT received. See README.md.
 */

export type { StoredEntityType } from '@biot-plugin/biot-emulator';
export {
  type BiotEmulator,
  type BiotEntity,
  type BiotErrorBody,
  END_USER_ID,
  type FaultSpec,
  INTERCEPTOR_SCOPES,
  NOTIFICATION_SCOPES,
  ROOT_ORGANIZATION_ID,
  type SignEventTokenOptions,
  seedDevices,
  seedPatients,
} from '@biot-plugin/biot-emulator';
export type {
  AdaptEntityAnswer,
  HookAnswer,
  HookAnswers,
  InterceptorAnswer,
  NotificationAnswer,
  PostRequestAnswer,
  PreRequestAnswer,
  ScheduledAnswer,
} from './answers/hook-answer.js';
export { BIOT_ROUTES, type BiotRoute } from './biot/biot-routes.js';
export type { BiotCall, BiotView } from './biot/biot-view.js';
export { PluginTestUsageError } from './errors.js';
export type {
  AdaptEntityInput,
  EntityInput,
  HttpMethod,
  InitiatorInput,
  InterceptedCallInput,
  InterceptedResponseInput,
  NotificationInput,
  PostRequestInput,
  PreRequestInput,
  ScheduledOptions,
} from './events/inputs.js';
export type { LogLine } from './logs/log-capture.js';
export {
  type LogLevel,
  type PluginTest,
  type PluginTestOptions,
  type SeededEntities,
  type SendOptions,
  startPluginTest,
} from './plugin-test.js';
export type { EventTokens } from './tokens/event-tokens.js';
