/** Everything a plugin's files import: definePlugin, the hook, event and result types, and `block`. */

export type {
  BiotEntities,
  BiotPath,
  Caregiver,
  Command,
  Device,
  DeviceAlert,
  EntityTypeName,
  GenericEntity,
  Organization,
  OrganizationUser,
  Patient,
  PatientAlert,
  RegistrationCode,
  SearchFilter,
  SearchRequest as BiotSearchRequest,
  TemplateAttributes,
  UsageSession,
} from '@biot-plugin/biot-api/types';
export { BiotApiError } from '@biot-plugin/core';
export type { BiotClient, CallOptions, SearchRequest, SearchResult } from '../biot/biot-client.js';
export type { TypedBiotCalls, TypedCallOptions } from '../biot/typed-calls.js';
export type {
  AdaptEntityEvent,
  IncomingEvent,
  NotificationEvent,
  PostRequestEvent,
  PreRequestEvent,
  ScheduledEvent,
} from '../event/incoming-event.js';
export type {
  AdaptEntityBody,
  AdaptedResponse,
  InterceptedRequest,
  InterceptedResponse,
  NotificationBody,
  PostRequestBody,
  PreRequestBody,
} from '../event/schemas.js';
export type { PluginLogger } from '../log/logger.js';
export {
  definePlugin,
  type PluginDefinition,
  PluginDefinitionError,
  type PluginSpec,
} from '../plugin/define-plugin.js';
export type {
  DeclaredSubscriptions,
  InterceptionSubscription,
  InterceptionType,
  NotificationSubscription,
} from '../plugin/subscriptions.js';
export { isNotificationAbout, type NotificationAbout } from './biot-entities.js';
export { Blocked, block } from './blocked.js';
export type { HookContext } from './hook-context.js';
export type {
  AdaptEntityHook,
  NotificationHook,
  PluginHooks,
  PostRequestHook,
  PreRequestHook,
  ScheduledHook,
} from './hooks.js';
