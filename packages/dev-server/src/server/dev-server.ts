import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { dirname } from 'node:path';
import { listen, readBody } from '@biot-plugin/biot-emulator';
import { InvalidFunctionResultError } from '../errors.js';
import { awsErrorMessage, awsErrorResponse } from '../function-url/aws-error-response.js';
import { toFunctionUrlEvent } from '../function-url/function-url-request-event.js';
import { type HttpResponse, toHttpResponse } from '../function-url/function-url-response.js';
import { createLambdaContext } from '../function-url/lambda-context.js';
import { DEFAULT_TIMEOUT_MS, MAX_PAYLOAD_BYTES } from '../function-url/limits.js';
import { ReloadingHandler } from '../handler/reloading-handler.js';
import {
  directInvocationEvent,
  directInvocationResponse,
  directInvocationTooLarge,
  isDirectInvocation,
} from '../invoke-api/invoke-api.js';
import type { EmfDocument } from '../metrics/emf-document.js';
import { EmittedMetrics, traceIdOfAnswer } from '../metrics/emitted-metrics.js';
import { type DevServerLog, stderrLog } from './dev-server-log.js';
import { type FunctionHandler, type Invocation, invokeHandler } from './invoke-handler.js';

export interface DevServerOptions {
  /** A handler to serve as it is (tests, benchmarks). Give this or `handlerModule`. */
  handler?: FunctionHandler;
  /** A module exporting `handler`: TypeScript through tsx, JavaScript (the bundle) natively. */
  handlerModule?: string;
  /**
   * Reload `handlerModule` when a file under these directories changes; `true` watches the
   * module's own directory. Default: no reloading.
   */
  watch?: boolean | string | readonly string[];
  /** Set in `process.env` before `handlerModule` is imported (the runtime reads env at import). */
  env?: Record<string, string | undefined>;
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1: the dev server is for this machine. */
  host?: string;
  /** The function's timeout; default 3000 ms, BioT's default for a plugin (BIOT-CONTRACT.md §8.2). */
  timeoutMs?: number;
  log?: DevServerLog;
  /** Called once per request, after the answer is sent. */
  onInvocation?: (record: InvocationRecord) => void;
}

/** One request as the dev server saw it. */
export interface InvocationRecord {
  requestId: string;
  method: string;
  path: string;
  /** The `hooktype` header, when sent. */
  hookType: string | undefined;
  /** Through the Function URL (BioT's way in), or Lambda's Invoke API (the schedule's). */
  via: 'function-url' | 'direct';
  status: number;
  /** Whether the handler ran; false for a payload over the limit or one that is not JSON. */
  invoked: boolean;
  outcome: 'answered' | 'threw' | 'timed-out' | 'invalid-result' | 'too-large' | 'invalid-request';
  ms: number;
  /**
   * The CloudWatch metrics (EMF documents) the handler wrote for this request, found by the
   * `traceId` the runtime writes beside them; none for a handler that is not the runtime.
   */
  metrics: EmfDocument[];
}

export interface DevServer {
  /** `http://127.0.0.1:PORT`: the plugin's URL, like a Function URL. */
  readonly url: string;
  readonly port: number;
  /** Imports `handlerModule` again (a no-op for a `handler` given directly). */
  reload(): Promise<void>;
  /** Stops serving; open connections are cut. */
  close(): Promise<void>;
}

/**
 * Serves a Lambda handler over HTTP the way a Function URL does: each request becomes a payload
 * 2.0 event, the handler's result becomes the response by AWS's rules, and whatever AWS would
 * answer on the function's behalf (a payload over 6 MB, a crash, a timeout, a malformed request)
 * gets AWS's status. The server keeps serving after any of them. One path is Lambda's Invoke API
 * instead (`DIRECT_INVOCATION_PATH`): the payload is the event, as when a schedule invokes the function.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const log = options.log ?? stderrLog;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const source = await handlerSource(options, log);
  // The runtime writes its metrics to stdout as on Lambda; here they are shown per request instead.
  const emitted = EmittedMetrics.acquire();
  let released = false;
  const releaseMetrics = () => {
    if (!released) EmittedMetrics.release();
    released = true;
  };
  const server = createServer((request, response) => {
    void serve(request, response).catch((error: unknown) => {
      log.error('the dev server failed to answer a request', error);
      if (!response.headersSent) send(response, awsErrorResponse(502), randomUUID());
      else response.destroy();
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    answerMalformedRequest(error, socket, log);
  });
  const host = options.host ?? '127.0.0.1';
  let port: number;
  try {
    port = await listen(server, options.port ?? 0, host);
  } catch (error) {
    releaseMetrics();
    await source.close();
    throw error;
  }

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = randomUUID();
    const receivedAt = new Date();
    const target = request.url ?? '/';
    const method = request.method ?? 'GET';
    const path = target.split('?', 1)[0] ?? '/';
    const direct = isDirectInvocation(method, path);
    const record = (status: number, outcome: InvocationRecord['outcome'], metrics: EmfDocument[] = []) =>
      options.onInvocation?.({
        requestId,
        method,
        path,
        hookType: request.headers.hooktype as string | undefined,
        via: direct ? 'direct' : 'function-url',
        status,
        invoked: outcome !== 'too-large' && outcome !== 'invalid-request',
        outcome,
        ms: Math.round(performance.now() - started),
        metrics,
      });

    const reading = await readBody(request, MAX_PAYLOAD_BYTES);
    if (reading.kind === 'too-large') {
      log.warn(`refused a request body over ${MAX_PAYLOAD_BYTES} bytes (413); the handler was not called`);
      send(response, direct ? directInvocationTooLarge() : awsErrorResponse(413), requestId, {
        connection: 'close',
      });
      record(413, 'too-large');
      return;
    }
    if (direct) {
      await invokeDirectly(reading.body, requestId, response, record);
      return;
    }

    const event = toFunctionUrlEvent({
      method: request.method ?? 'GET',
      target,
      httpVersion: request.httpVersion,
      headers: request.headersDistinct as Record<string, string[]>,
      // An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d; AWS reports a.b.c.d.
      sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      localPort: port,
      body: reading.body,
      requestId,
      receivedAt,
    });
    const invocation = await invokeHandler(
      source.handler,
      event,
      createLambdaContext(requestId, timeoutMs),
      timeoutMs,
    );
    const { response: answer, outcome } = answerFor(invocation, requestId, timeoutMs, log);
    send(response, answer, requestId);
    record(answer.status, outcome, metricsOf(invocation));
  }

  async function invokeDirectly(
    body: Buffer,
    requestId: string,
    response: ServerResponse,
    record: (status: number, outcome: InvocationRecord['outcome'], metrics?: EmfDocument[]) => void,
  ): Promise<void> {
    const parsed = directInvocationEvent(body);
    if ('refused' in parsed) {
      send(response, parsed.refused, requestId);
      record(parsed.refused.status, 'invalid-request');
      return;
    }
    const invocation = await invokeHandler(
      source.handler,
      parsed.event,
      createLambdaContext(requestId, timeoutMs),
      timeoutMs,
    );
    if (invocation.outcome === 'threw')
      log.error(`RequestId: ${requestId} the handler threw`, invocation.error);
    if (invocation.outcome === 'timed-out') {
      log.error(`RequestId: ${requestId} Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
    }
    const answer = directInvocationResponse(invocation, timeoutMs);
    send(response, answer, requestId);
    record(
      answer.status,
      invocation.outcome === 'returned' ? 'answered' : invocation.outcome,
      metricsOf(invocation),
    );
  }

  function metricsOf(invocation: Invocation): EmfDocument[] {
    return invocation.outcome === 'returned' ? emitted.take(traceIdOfAnswer(invocation.result)) : [];
  }

  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    reload: () => source.reload(),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      releaseMetrics();
      await source.close();
    },
  };
}

interface HandlerSource {
  handler: FunctionHandler;
  reload(): Promise<void>;
  close(): Promise<void>;
}

async function handlerSource(options: DevServerOptions, log: DevServerLog): Promise<HandlerSource> {
  if (options.handler !== undefined) {
    return { handler: options.handler, reload: async () => {}, close: async () => {} };
  }
  if (options.handlerModule === undefined) {
    throw new TypeError('startDevServer needs a handler or a handlerModule');
  }
  const { watch = false } = options;
  const watchDirs = watch === true ? [dirname(options.handlerModule)] : watch === false ? [] : [watch].flat();
  return ReloadingHandler.load({
    modulePath: options.handlerModule,
    watchDirs,
    ...(options.env === undefined ? {} : { env: options.env }),
    log,
  });
}

/** What AWS makes of the invocation; failures are logged as Lambda logs them, never sent. */
function answerFor(
  invocation: Invocation,
  requestId: string,
  timeoutMs: number,
  log: DevServerLog,
): { response: HttpResponse; outcome: InvocationRecord['outcome'] } {
  switch (invocation.outcome) {
    case 'threw':
      log.error(`RequestId: ${requestId} the handler threw; answered 502`, invocation.error);
      return { response: awsErrorResponse(502), outcome: 'threw' };
    case 'timed-out':
      log.error(
        `RequestId: ${requestId} Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds; answered 502`,
      );
      return { response: awsErrorResponse(502), outcome: 'timed-out' };
    case 'returned':
      try {
        const { response, warnings } = toHttpResponse(invocation.result);
        for (const warning of warnings) log.warn(`RequestId: ${requestId} ${warning}`);
        if (response.body.length > MAX_PAYLOAD_BYTES) {
          throw new InvalidFunctionResultError(`the response body is over ${MAX_PAYLOAD_BYTES} bytes`);
        }
        return { response, outcome: 'answered' };
      } catch (error) {
        if (!(error instanceof InvalidFunctionResultError)) throw error;
        log.error(
          `RequestId: ${requestId} the handler's result is not a valid response (${error.message}); answered 502`,
        );
        return { response: awsErrorResponse(502), outcome: 'invalid-result' };
      }
  }
}

function send(
  response: ServerResponse,
  answer: HttpResponse,
  requestId: string,
  extraHeaders: Record<string, string> = {},
): void {
  response.statusCode = answer.status;
  for (const [name, value] of Object.entries({ ...answer.headers, ...extraHeaders })) {
    response.setHeader(name, value);
  }
  if (answer.cookies.length > 0) response.setHeader('set-cookie', answer.cookies);
  response.setHeader('x-amzn-requestid', requestId);
  response.setHeader('content-length', answer.body.length);
  response.end(answer.body);
}

/**
 * A request Node cannot parse never reaches the handler; AWS's front end answers it. Answer 400
 * (431 for oversized headers) and close that one connection; the server goes on serving others.
 */
function answerMalformedRequest(error: NodeJS.ErrnoException, socket: Socket, log: DevServerLog): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  log.warn(`answered a malformed HTTP request with ${status} (${error.code ?? error.message})`);
  const { body } = awsErrorResponse(status);
  socket.end(
    `HTTP/1.1 ${status} ${awsErrorMessage(status)}\r\n` +
      `content-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** A wildcard address is reached through loopback; an IPv6 literal needs brackets in a URL. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
