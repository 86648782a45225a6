/** Everything a hook file imports: the types of events, results and context, and `block`. */
export type { BiotClient, CallOptions, SearchRequest, SearchResult } from '../biot/biot-client.js';
export { BiotApiError } from '../errors.js';
export type {
  AdaptEntityEvent,
  InterceptorPostEvent,
  InterceptorPreEvent,
  NonSpecificEvent,
  NotificationEvent,
} from '../event/incoming-event.js';
export type { AdaptedResponse, InterceptedRequest, InterceptedResponse } from '../event/schemas.js';
export type { PluginLogger } from '../log/logger.js';
export { Blocked, block } from './blocked.js';
export type { HookContext } from './hook-context.js';
export type {
  AdaptEntityHook,
  InterceptorPostHook,
  InterceptorPreHook,
  NotificationHook,
  PluginHooks,
  ScheduledHook,
} from './hooks.js';
