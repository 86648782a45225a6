import type {
  AdaptEntityEvent,
  InterceptorPostEvent,
  InterceptorPreEvent,
  NonSpecificEvent,
  NotificationEvent,
} from '../event/incoming-event.js';
import type { AdaptedResponse, InterceptedRequest, InterceptedResponse } from '../event/schemas.js';
import type { Blocked } from './blocked.js';
import type { HookContext } from './hook-context.js';

type MaybePromise<T> = T | Promise<T>;

/** After an entity changed. BioT ignores the answer (contract §2.1); throw to log a failure. */
export type NotificationHook = (event: NotificationEvent, context: HookContext) => MaybePromise<void>;

/** Before a BioT API call: return the (possibly changed) request, or `block(...)`. */
export type InterceptorPreHook = (
  event: InterceptorPreEvent,
  context: HookContext,
) => MaybePromise<InterceptedRequest | Blocked>;

/** After a BioT API call: return the (possibly changed) response, or `block(...)`. */
export type InterceptorPostHook = (
  event: InterceptorPostEvent,
  context: HookContext,
) => MaybePromise<InterceptedResponse | Blocked>;

/** On the entities a BioT API returns: return the response with the (possibly changed) entities. */
export type AdaptEntityHook = (
  event: AdaptEntityEvent,
  context: HookContext,
) => MaybePromise<AdaptedResponse | Blocked>;

/** A call without `hooktype` (a scheduled job); whatever it returns is the JSON answer. */
export type ScheduledHook = (event: NonSpecificEvent, context: HookContext) => MaybePromise<unknown>;

/** The plugin's behaviour: one hook per event type. */
export interface PluginHooks {
  notification: NotificationHook;
  interceptorPre: InterceptorPreHook;
  interceptorPost: InterceptorPostHook;
  adaptEntity: AdaptEntityHook;
  scheduled: ScheduledHook;
}
