import { xraySubsegments } from './xray-subsegments.js';

/** How one BioT call ended: BioT's HTTP status, or why there was none. */
export type CallOutcome = number | 'network' | 'timeout';

/** One BioT call as the trace sees it, from its first attempt to its outcome. */
export interface CallSpan {
  /** Records the outcome. Never throws. */
  end(outcome: CallOutcome): void;
}

/** What a span is started with: the route template, never a path with ids. */
export interface CallDescription {
  method: string;
  /** The route template (`/organization/v1/users/patients/{id}`), see `routeTemplate`. */
  route: string;
  /** BIOT_BASE_URL, for the host in the subsegment's URL. */
  baseUrl: string;
  /** 16 hex: the parent-id of the call's `traceparent`, and the id of its X-Ray subsegment. */
  spanId: string;
  /** The W3C trace id the call carries (BioT's, when it sent one). */
  traceId: string;
}

/** X-Ray subsegments around BioT calls where X-Ray is there; nothing elsewhere. */
export interface Tracing {
  startCall(call: CallDescription): CallSpan;
}

const IGNORED_SPAN: CallSpan = { end: () => {} };

export const noTracing: Tracing = { startCall: () => IGNORED_SPAN };

/**
 * The call's route template, for traces: the caller's when it gave one (the typed calls do), else
 * the path with every segment that may be an id (anything but a word or a version such as `v1`)
 * replaced by `{id}`, so a hand-written `request('GET', '/…/patients/72b6…')` leaks no id either.
 */
export function routeTemplate(call: { route?: string | undefined; path: string }): string {
  if (call.route !== undefined) return call.route;
  return call.path
    .split('/')
    .map((segment) => (segment === '' || /^(v\d{1,3}|[A-Za-z][A-Za-z_-]*)$/.test(segment) ? segment : '{id}'))
    .join('/');
}

/**
 * Inside Lambda (unless POWERTOOLS_TRACE_ENABLED is `false`), one X-Ray subsegment per BioT call,
 * sent to the X-Ray daemon for invocations X-Ray samples; elsewhere only span ids.
 */
export function createTracing(options: { env: NodeJS.ProcessEnv }): Tracing {
  const { env } = options;
  if (!env.AWS_LAMBDA_FUNCTION_NAME || env.POWERTOOLS_TRACE_ENABLED === 'false') return noTracing;
  return xraySubsegments(env);
}
