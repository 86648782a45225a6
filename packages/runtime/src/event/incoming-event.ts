import type { HookName } from '../hook-types.js';
import type { AdaptEntityBody, NotificationBody, PostRequestBody, PreRequestBody } from './schemas.js';

/** A validated event, told apart by `hook`: what the pipeline hands to a hook. */
export type IncomingEvent =
  | NotificationEvent
  | PreRequestEvent
  | PostRequestEvent
  | AdaptEntityEvent
  | ScheduledEvent;

interface EventBase<H extends HookName, B> {
  /** The hook this event is for (see HOOK_TYPES). */
  readonly hook: H;
  /** BioT's body as it was sent, every key kept; validated to have the shape BioT sends. */
  readonly body: B;
  /** Lower-cased request headers (empty for a direct invocation). */
  readonly headers: Readonly<Record<string, string>>;
  /** BioT's token, from where BioT puts it for this hook (BIOT-CONTRACT.md §1.2). */
  readonly token: string | undefined;
}

export interface NotificationEvent extends EventBase<'notification', NotificationBody> {}
export interface PreRequestEvent extends EventBase<'preRequest', PreRequestBody> {}
export interface PostRequestEvent extends EventBase<'postRequest', PostRequestBody> {}
export interface AdaptEntityEvent extends EventBase<'adaptEntity', AdaptEntityBody> {}

/**
 * A call without `hooktype`: a scheduled job. Through the Function URL it must carry a BioT
 * token like any other call (`source: 'url'`); invoked directly by AWS (EventBridge Scheduler,
 * `lambda:InvokeFunction`) IAM has already authorised it (`source: 'invoke'`).
 */
export interface ScheduledEvent extends EventBase<'scheduled', unknown> {
  readonly source: 'url' | 'invoke';
}
