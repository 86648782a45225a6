import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { ApiOperation } from '@biot-plugin/biot-api';
import type { ApiContract } from '../contract/api-contract.js';
import { BiotHttpError, EmulatorUsageError } from '../errors.js';
import type { ArmedFault } from '../faults/fault.js';
import type { FaultPlan } from '../faults/fault-plan.js';
import { biotErrorBody } from '../http/error-body.js';
import { headerValue, type Reply, type RequestContext } from '../http/request-context.js';
import type { RouteMatch, Router } from '../http/router.js';
import { newTraceId, traceIdOf } from '../http/traceparent.js';
import type { MutableRequestLogEntry, RequestLog } from '../observe/request-log.js';
import type { RouteStats } from '../observe/route-stats.js';
import { readBody } from './read-body.js';
import { sendReply } from './send-reply.js';

export interface PipelineParts {
  api: Router;
  admin: Router;
  faults: FaultPlan;
  log: RequestLog;
  stats: RouteStats;
  /** BioT's files, held against every BioT-route request and answer; absent when turned off. */
  contract?: ApiContract;
}

const ADMIN_PREFIX = '/_emulator';

/** Routes whose request body is a secret, so the request log never keeps it. */
const SECRET_BODY_ROUTES: ReadonlySet<string> = new Set(['POST /ums/v2/services/accessToken']);

/**
 * Every request goes through here: admin calls straight to their handler; BioT calls are counted,
 * logged, matched against injected faults, then served. No per-request output, so benchmarks
 * measure the plugin rather than the emulator's console.
 */
export class RequestPipeline {
  readonly #delays = new Set<NodeJS.Timeout>();
  #closed = false;

  constructor(private readonly parts: PipelineParts) {}

  readonly listener = (request: IncomingMessage, response: ServerResponse): void => {
    // #serve answers its own errors; this only catches a bug in the pipeline itself.
    this.#serve(request, response).catch(() => response.destroy());
  };

  /** Cancels pending latency delays; the server closes the sockets of hung requests. */
  close(): void {
    this.#closed = true;
    for (const timer of this.#delays) clearTimeout(timer);
    this.#delays.clear();
  }

  async #serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const rawQuery = queryStart === -1 ? '' : url.slice(queryStart + 1);
    const query = new URLSearchParams(rawQuery);
    const traceparent = headerValue(request.headers, 'traceparent');
    const traceId = traceIdOf(traceparent) ?? newTraceId();
    const context: RequestContext = {
      method,
      path,
      query,
      headers: request.headers,
      params: {},
      rawBody: '',
      traceId,
    };

    if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
      const reply = await this.#run(
        this.parts.admin.match(method, path),
        context,
        readText(request),
        adminRefusal,
      );
      sendReply(response, reply.status, reply.body);
      return;
    }

    const match = this.parts.api.match(method, path);
    const route = match.kind === 'found' ? match.key : `${method} ${path}`;
    this.parts.stats.count(route);
    const allowInterception = headerValue(request.headers, 'allow-interception');
    const entry = this.parts.log.record({
      method,
      route,
      path,
      ...(rawQuery === '' ? {} : { query: rawQuery }),
      status: 0,
      ...(traceparent === undefined ? {} : { traceparent }),
      ...(allowInterception === undefined ? {} : { allowInterception }),
      at: Date.now(),
    });

    // Read before any fault answers, so the log shows what the plugin sent even to a failing BioT.
    const body = readText(request);
    const text = await body.catch(() => '');
    if (text !== '' && !SECRET_BODY_ROUTES.has(route)) entry.body = text;

    const fault = this.parts.faults.take(route, method, path);
    if (fault !== undefined && (await this.#applyFault(fault, entry, response, traceId))) return;

    const reply = await this.#run(match, context, body, apiRefusal, this.parts.contract);
    entry.status = reply.status;
    sendReply(response, reply.status, reply.body);
  }

  /** Applies a fault; true when it answered (or chose not to answer) in place of the route. */
  async #applyFault(
    fault: ArmedFault,
    entry: MutableRequestLogEntry,
    response: ServerResponse,
    traceId: string,
  ): Promise<boolean> {
    if (fault.latencyMs > 0) await this.#delay(fault.latencyMs);
    // Closing cancels delays, but a delay that fired just before must not answer on a dead server.
    if (this.#closed) return true;
    if (fault.hang) return true;
    if (fault.drop) {
      response.socket?.destroy();
      return true;
    }
    if (fault.status === undefined) return false;
    const body = fault.body ?? injectedErrorBody(fault.status, traceId);
    entry.status = fault.status;
    sendReply(response, fault.status, body);
    return true;
  }

  async #run(
    match: RouteMatch,
    context: RequestContext,
    body: Promise<string>,
    refuse: Refusal,
    contract?: ApiContract,
  ): Promise<Reply> {
    let operation: ApiOperation | undefined;
    let reply: Reply;
    try {
      const rawBody = await body;
      if (match.kind !== 'found') throw refuse(match, context);
      const routed = { ...context, params: match.params, rawBody };
      // Refused before the route runs, as BioT refuses a request its API does not describe.
      operation = contract?.checkRequest(routed);
      reply = await match.handler(routed);
    } catch (error) {
      reply = errorReply(error, context.traceId);
    }
    return contract && operation ? contract.checkReply(operation, reply, context.traceId) : reply;
  }

  #delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#delays.delete(timer);
        resolve();
      }, ms);
      this.#delays.add(timer);
    });
  }
}

type Refusal = (match: Exclude<RouteMatch, { kind: 'found' }>, context: RequestContext) => BiotHttpError;

const apiRefusal: Refusal = (match, context) => {
  const details = { method: context.method, path: context.path };
  if (match.kind === 'wrong-method') {
    const message = `${context.method} is not supported on ${match.template}`;
    return new BiotHttpError(405, 'METHOD_NOT_ALLOWED', message, details);
  }
  return new BiotHttpError(404, 'NOT_FOUND', `No API at ${context.method} ${context.path}`, details);
};

const adminRefusal: Refusal = (_match, context) =>
  new BiotHttpError(400, 'UNKNOWN_ADMIN_COMMAND', `Unknown admin command ${context.method} ${context.path}`, {
    method: context.method,
    path: context.path,
  });

function errorReply(error: unknown, traceId: string): Reply {
  if (error instanceof BiotHttpError) {
    return { status: error.status, body: biotErrorBody(error.code, error.message, traceId, error.details) };
  }
  // Only admin handlers drive the programmatic API, so a usage error is always a bad admin request.
  if (error instanceof EmulatorUsageError) {
    return { status: 400, body: biotErrorBody('INVALID_ADMIN_REQUEST', error.message, traceId) };
  }
  // A bug in the emulator: say so in the answer, since the emulator prints nothing.
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: 500,
    body: biotErrorBody('INTERNAL_SERVER_ERROR', `Emulator failure: ${message}`, traceId),
  };
}

/** The BioT error body of an injected status, its code derived from the reason phrase (504 → GATEWAY_TIMEOUT). */
function injectedErrorBody(status: number, traceId: string): unknown {
  const reason = STATUS_CODES[status] ?? 'Injected Fault';
  const code = reason.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return biotErrorBody(code, `${reason} (injected by the emulator)`, traceId, { injected: true });
}

// BioT APIs take small JSON documents; anything this big is a test bug, not a payload.
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The whole request body as UTF-8 text; 413 PAYLOAD_TOO_LARGE past the limit. */
async function readText(request: IncomingMessage): Promise<string> {
  const reading = await readBody(request, MAX_BODY_BYTES);
  if (reading.kind === 'too-large') {
    throw new BiotHttpError(
      413,
      'PAYLOAD_TOO_LARGE',
      `Request bodies are limited to ${MAX_BODY_BYTES} bytes`,
    );
  }
  return reading.body.toString('utf8');
}
