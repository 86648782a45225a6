import type {
  AdaptEntityEvent,
  NotificationEvent,
  PostRequestEvent,
  PreRequestEvent,
  ScheduledEvent,
} from '../event/incoming-event.js';
import type { AdaptedResponse, InterceptedRequest, InterceptedResponse } from '../event/schemas.js';
import type { Blocked } from './blocked.js';
import type { HookContext } from './hook-context.js';

type MaybePromise<T> = T | Promise<T>;

/** After an entity changed. BioT ignores the answer (BIOT-CONTRACT.md §2.1); throw to log a failure. */
export type NotificationHook = (event: NotificationEvent, context: HookContext) => MaybePromise<void>;

/** Before a BioT API call: return the (possibly changed) request, or `block(...)`. */
export type PreRequestHook = (
  event: PreRequestEvent,
  context: HookContext,
) => MaybePromise<InterceptedRequest | Blocked>;

/** After a BioT API call: return the (possibly changed) response, or `block(...)`. */
export type PostRequestHook = (
  event: PostRequestEvent,
  context: HookContext,
) => MaybePromise<InterceptedResponse | Blocked>;

/** On the entities a BioT API returns: return the response with the (possibly changed) entities. */
export type AdaptEntityHook = (
  event: AdaptEntityEvent,
  context: HookContext,
) => MaybePromise<AdaptedResponse | Blocked>;

/** A scheduled job (a call without `hooktype`); whatever object it returns is the JSON answer. */
export type ScheduledHook = (event: ScheduledEvent, context: HookContext) => MaybePromise<unknown>;

/**
 * The hooks a plugin may implement, one per hook type (HOOK_TYPES). A plugin implements only
 * those it handles; BioT's call for any other is answered 404 HOOK_NOT_IMPLEMENTED.
 */
export interface PluginHooks {
  notification: NotificationHook;
  preRequest: PreRequestHook;
  postRequest: PostRequestHook;
  adaptEntity: AdaptEntityHook;
  scheduled: ScheduledHook;
}
