import type {
  AdaptEntityBody,
  InterceptorPostBody,
  InterceptorPreBody,
  NotificationBody,
} from './schemas.js';

/** A validated event, told apart by `hookType`: what the pipeline hands to a hook. */
export type IncomingEvent =
  | NotificationEvent
  | InterceptorPreEvent
  | InterceptorPostEvent
  | AdaptEntityEvent
  | NonSpecificEvent;

interface EventBase {
  /** Lower-cased request headers (empty for a direct invocation). */
  readonly headers: Readonly<Record<string, string>>;
}

export interface NotificationEvent extends EventBase {
  readonly hookType: 'NOTIFICATION';
  readonly body: NotificationBody;
  readonly token: string | undefined;
}

export interface InterceptorPreEvent extends EventBase {
  readonly hookType: 'INTERCEPTOR_PRE';
  readonly body: InterceptorPreBody;
  readonly token: string | undefined;
}

export interface InterceptorPostEvent extends EventBase {
  readonly hookType: 'INTERCEPTOR_POST';
  readonly body: InterceptorPostBody;
  readonly token: string | undefined;
}

export interface AdaptEntityEvent extends EventBase {
  readonly hookType: 'INTERCEPTOR_POST_ENTITY';
  readonly body: AdaptEntityBody;
  readonly token: string | undefined;
}

/**
 * A call without `hooktype`: a scheduled job. Through the Function URL it must carry a BioT
 * token like any other call (`source: 'url'`); invoked directly by AWS (EventBridge Scheduler,
 * `lambda:InvokeFunction`) IAM has already authorised it (`source: 'invoke'`).
 */
export interface NonSpecificEvent extends EventBase {
  readonly hookType: 'NONSPECIFIC';
  readonly source: 'url' | 'invoke';
  readonly body: unknown;
  readonly token: string | undefined;
}
