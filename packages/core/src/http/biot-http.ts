import { DEFAULTS } from '../env/env.js';
import { BiotApiError, BiotTimeoutError, BiotUnreachableError, ConfigurationError } from '../errors.js';
import { callTraceparent, newSpanId } from '../trace/trace.js';
import { noTracing, routeTemplate, type Tracing } from '../tracing/tracing.js';
import { AnswerTooLargeError, exchange } from './node-transport.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface BiotCall {
  method: HttpMethod;
  /** Path below BIOT_BASE_URL, e.g. `/organization/v1/users/patients`. */
  path: string;
  /** The path template for errors, logs and trace segments (no ids), defaults to `path`. */
  route?: string;
  searchParams?: Record<string, string>;
  json?: unknown;
  headers?: Record<string, string>;
  /** Epoch ms by which the call (all attempts) must be over: the Lambda's deadline. */
  deadline: number;
  /** The invocation's W3C `traceparent`; each call sends it with a span id of its own. */
  traceparent: string;
  /**
   * `idempotent` (default) retries GET, PUT and DELETE only; `always` also retries this POST,
   * for calls that are safe to repeat such as the service login.
   */
  retry?: 'idempotent' | 'always';
}

export interface BiotHttpOptions {
  /** BIOT_BASE_URL; checked when the first call needs it, so a misconfiguration is a clear 500. */
  baseUrl: string | undefined;
  /** Upper bound for one attempt; the Lambda's remaining time bounds it further. @default 5000 */
  timeoutMs?: number;
  /** Retries of a retryable call. @default 2 */
  retryLimit?: number;
  /** @default no tracing */
  tracing?: Tracing;
  /**
   * Told about every call once it is over (all attempts together), for metrics: the route
   * template, never the path with its ids. An observer that throws is ignored.
   */
  onCall?: (observation: BiotCallObservation) => void;
}

interface CallProgress {
  attempts: number;
  /** The status of the successful attempt. */
  status?: number;
}

/** One BioT call as metrics see it. */
export interface BiotCallObservation {
  method: HttpMethod;
  /** The route template (`BiotCall.route`), or the path when the caller gave none. */
  route: string;
  /** BioT's HTTP status of the last attempt, or how the call failed without one. */
  status: number | 'network' | 'timeout';
  /** From the first attempt to the outcome, backoff included. */
  durationMs: number;
  attempts: number;
}

const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE']);
const RETRY_STATUS = [429, 502, 503, 504];
// A login answering 500 is usually BioT's identity store hiccuping; retrying it is safe.
const RETRY_STATUS_ALWAYS = [429, 500, 502, 503, 504];
const BACKOFF_BASE_MS = 100;
const BACKOFF_LIMIT_MS = 1_000;

/** Exponential backoff with full jitter, so retrying containers do not stampede BioT together. */
function backoff(attemptCount: number): number {
  const ceiling = Math.min(BACKOFF_LIMIT_MS, BACKOFF_BASE_MS * 2 ** (attemptCount - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * The one place the runtime talks HTTP to BioT: time budgets, retries with backoff and jitter,
 * on every call a `traceparent` with the caller's trace id and a span id of the call's own (also
 * the id of its X-Ray subsegment), and BioT's error bodies turned into typed errors.
 */
export class BiotHttp {
  private readonly options: Required<Omit<BiotHttpOptions, 'onCall'>>;
  private readonly onCall: ((observation: BiotCallObservation) => void) | undefined;

  constructor(options: BiotHttpOptions) {
    this.options = {
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs ?? DEFAULTS.httpTimeoutMs,
      retryLimit: options.retryLimit ?? DEFAULTS.httpRetryLimit,
      tracing: options.tracing ?? noTracing,
    };
    this.onCall = options.onCall;
  }

  async call<T>(call: BiotCall): Promise<T> {
    if (!this.options.baseUrl) throw new ConfigurationError('BIOT_BASE_URL is not set');
    const name = `${call.method} ${call.route ?? call.path}`;
    // The call's own span (W3C participant): BioT's trace id, a new span id, the sampled flag kept.
    const spanId = newSpanId();
    const traceparent = callTraceparent(call.traceparent, spanId);
    const span = this.options.tracing.startCall({
      method: call.method,
      route: routeTemplate(call),
      baseUrl: this.options.baseUrl,
      spanId,
      traceId: traceparent.slice(3, 35),
    });
    const started = performance.now();
    const progress: CallProgress = { attempts: 0 };
    const settle = (status: BiotCallObservation['status']) => {
      span.end(status);
      if (this.onCall === undefined) return;
      try {
        this.onCall({
          method: call.method,
          route: call.route ?? call.path,
          status,
          durationMs: performance.now() - started,
          attempts: progress.attempts,
        });
      } catch {
        // Metrics must never fail a call.
      }
    };
    try {
      const answer = await this.callWithRetries<T>({ ...call, traceparent }, name, progress);
      settle(progress.status ?? 200);
      return answer;
    } catch (error) {
      settle(
        error instanceof BiotApiError
          ? error.upstreamStatus
          : error instanceof BiotTimeoutError
            ? 'timeout'
            : 'network',
      );
      throw error;
    }
  }

  private async callWithRetries<T>(call: BiotCall, name: string, progress: CallProgress): Promise<T> {
    const retryable = call.retry === 'always' || IDEMPOTENT.has(call.method);
    const retryStatus = call.retry === 'always' ? RETRY_STATUS_ALWAYS : RETRY_STATUS;
    for (let attempt = 1; ; attempt += 1) {
      // Whole milliseconds: AbortSignal.timeout throws a RangeError on a fraction.
      const budget = Math.floor(call.deadline - Date.now());
      if (budget <= 0) throw new BiotTimeoutError(name);
      progress.attempts += 1;
      try {
        return await this.attempt<T>(call, budget, progress);
      } catch (error) {
        const failure = toBiotError(error, name);
        const transient =
          failure instanceof BiotUnreachableError ||
          (failure instanceof BiotApiError && retryStatus.includes(failure.upstreamStatus));
        const pause = backoff(attempt);
        if (
          !retryable ||
          !transient ||
          attempt > this.options.retryLimit ||
          Date.now() + pause >= call.deadline
        ) {
          throw failure;
        }
        await sleep(pause);
      }
    }
  }

  /**
   * One HTTP attempt over node:http(s) (node-transport.ts). Retries are ours, since only we know
   * the deadline and never sleep past it.
   */
  private async attempt<T>(call: BiotCall, budget: number, progress: CallProgress): Promise<T> {
    const answer = await exchange(this.options.baseUrl as string, {
      method: call.method,
      path: call.path,
      headers: { traceparent: call.traceparent, ...call.headers },
      ...(call.searchParams ? { searchParams: call.searchParams } : {}),
      json: call.json,
      timeoutMs: Math.max(1, Math.min(this.options.timeoutMs, budget)),
      // Belt and braces: the invocation's deadline ends the attempt whatever the socket does.
      signal: AbortSignal.timeout(budget),
    });
    if (answer.status >= 400) {
      throw new BiotApiError(
        answer.status,
        upstreamCode(answer.text),
        `${call.method} ${call.route ?? call.path}`,
      );
    }
    progress.status = answer.status;
    return (answer.text ? JSON.parse(answer.text) : undefined) as T;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function toBiotError(error: unknown, name: string): unknown {
  if (isAbort(error)) return new BiotTimeoutError(name, { cause: error });
  if (error instanceof BiotApiError) return error;
  if (error instanceof AnswerTooLargeError) return new BiotApiError(error.status, 'ANSWER_TOO_LARGE', name);
  if (error instanceof SyntaxError) return new BiotApiError(200, 'INVALID_JSON', name);
  return new BiotUnreachableError(name, { cause: error });
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** What BioT's codes look like (`ENTITY_NOT_FOUND`); anything else may be an echo of data. */
const ERROR_CODE = /^[A-Z][A-Z0-9_.-]{0,63}$/;

/**
 * BioT's error body carries a `code` (BIOT-CONTRACT.md §2.5); it is passed on only when it looks like
 * one, since it reaches the caller and the log. Anything else in the body stays upstream.
 */
function upstreamCode(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { code?: unknown };
    return typeof body.code === 'string' && ERROR_CODE.test(body.code) ? body.code : undefined;
  } catch {
    return undefined;
  }
}
