import { type BiotErrorBody, readBiotErrorBody } from '@biot-plugin/biot-emulator';
import type {
  AdaptedResponse,
  FunctionUrlResult,
  HookName,
  InterceptedRequest,
  InterceptedResponse,
} from '@biot-plugin/runtime';
import { traceIdOf } from '../events/traceparent.js';
import type { LogLine } from '../logs/log-capture.js';

/** What the plugin answered BioT, read the way BioT reads it (BIOT-CONTRACT.md §2). */
export interface HookAnswer {
  /** The HTTP status BioT receives. */
  readonly status: number;
  /** Response headers, names lower-case as the runtime sets them. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as sent; `''` when there is none (a notification's 200). */
  readonly body: string;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  readonly json: unknown;
  /** BioT's error body `{code, message, serviceName, traceId, environment, details}` when the status is not 2xx. */
  readonly error: BiotErrorBody | undefined;
  /** The trace the runtime answered under (its `traceparent` header); every log line of the invocation carries it. */
  readonly traceId: string | undefined;
  /** This invocation's log lines, when the kit captures logs (`logLevel`); else empty. */
  readonly logs: readonly LogLine[];
}

/** BioT ignores a notification's answer (BIOT-CONTRACT.md §2.1): the status and logs are what a test checks. */
export type NotificationAnswer = HookAnswer;

/** An interceptor's answer: a 4xx or 5xx blocks the intercepted call (BIOT-CONTRACT.md §2.5). */
export interface InterceptorAnswer extends HookAnswer {
  /** True for a 4xx or 5xx: BioT refuses the end user's call and passes on `error`. */
  readonly blocked: boolean;
}

export interface PreRequestAnswer extends InterceptorAnswer {
  /** The request BioT goes on with (`{request}` of a 200), every key the hook returned kept. */
  readonly request: InterceptedRequest | undefined;
}

export interface PostRequestAnswer extends InterceptorAnswer {
  /** The response the end user gets (`{response}` of a 200). */
  readonly response: InterceptedResponse | undefined;
}

export interface AdaptEntityAnswer extends InterceptorAnswer {
  /** The response with the adapted `entities` (`{response}` of a 200). */
  readonly response: AdaptedResponse | undefined;
}

export interface ScheduledAnswer extends HookAnswer {
  /** The object the scheduled hook returned; undefined when it returned nothing or failed. */
  readonly result: Readonly<Record<string, unknown>> | undefined;
}

/** The answer of each hook, by hook name (HOOK_TYPES). */
export interface HookAnswers {
  readonly notification: NotificationAnswer;
  readonly preRequest: PreRequestAnswer;
  readonly postRequest: PostRequestAnswer;
  readonly adaptEntity: AdaptEntityAnswer;
  readonly scheduled: ScheduledAnswer;
}

/** Finds the log lines of one trace. */
export type LogsOfTrace = (traceId: string | undefined) => readonly LogLine[];

const READERS: { readonly [H in HookName]: (answer: HookAnswer) => HookAnswers[H] } = {
  notification: (answer) => answer,
  preRequest: (answer) => ({ ...interceptor(answer), request: keyed<InterceptedRequest>(answer, 'request') }),
  postRequest: (answer) => ({
    ...interceptor(answer),
    response: keyed<InterceptedResponse>(answer, 'response'),
  }),
  adaptEntity: (answer) => ({ ...interceptor(answer), response: keyed<AdaptedResponse>(answer, 'response') }),
  scheduled: (answer) => ({ ...answer, result: isSuccess(answer.status) ? record(answer.json) : undefined }),
};

/** Reads the handler's Function URL result as the answer of `hook`. */
export function readAnswer<H extends HookName>(
  hook: H,
  result: FunctionUrlResult,
  logsOfTrace: LogsOfTrace,
): HookAnswers[H] {
  const body = result.body ?? '';
  const json = parseJson(body);
  const traceId = traceIdOf(result.headers.traceparent);
  const answer: HookAnswer = {
    status: result.statusCode,
    headers: { ...result.headers },
    body,
    json,
    error: isSuccess(result.statusCode) ? undefined : readBiotErrorBody(json),
    traceId,
    logs: logsOfTrace(traceId),
  };
  return READERS[hook](answer);
}

function interceptor(answer: HookAnswer): InterceptorAnswer {
  return { ...answer, blocked: answer.status >= 400 };
}

/**
 * The runtime answers `{request}` or `{response}` only after checking it against the schema of
 * HOOK_TYPES[hook].answer, so a 200's keyed object has that type.
 */
function keyed<T>(answer: HookAnswer, key: 'request' | 'response'): T | undefined {
  if (!isSuccess(answer.status)) return undefined;
  const value = record(answer.json)?.[key];
  return record(value) === undefined ? undefined : (value as T);
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function record(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
