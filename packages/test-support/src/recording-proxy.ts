import { type IncomingHttpHeaders, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { serveOnLoopback } from './loopback-server.js';

/** One request the proxy passed on, as it arrived. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** When it reached the proxy (`Date.now()`): for tests about what overlaps what. */
  readonly receivedAt: number;
}

export interface RecordingProxy {
  /** Point the code under test here instead of at the target. */
  readonly url: string;
  /** Every request passed on so far, oldest first. */
  requests(): readonly RecordedRequest[];
  /** While down, every connection is cut before it is read: the target looks unreachable. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

/**
 * A pass-through HTTP proxy on 127.0.0.1 in front of a real server (the BioT emulator,
 * `moto_server`) that records what the code under test really sent, and can play "unreachable".
 * Tests count calls with it (e.g. `GetSecretValue` by `x-amz-target`) and read the headers the
 * runtime sends (e.g. service tokens, to look for them in logs).
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const recorded: RecordedRequest[] = [];
  let down = false;
  const server = await serveOnLoopback((incoming, outgoing) => {
    if (down) return void incoming.socket.destroy();
    recorded.push({
      method: incoming.method ?? 'GET',
      url: incoming.url ?? '/',
      headers: incoming.headers,
      receivedAt: Date.now(),
    });
    forward(incoming, outgoing, upstream, incoming.headers);
  });
  return {
    url: server.url,
    requests: () => recorded,
    setDown: (value) => {
      down = value;
    },
    close: server.close,
  };
}

/**
 * Passes a request on to `upstream` (same method, path and body, the given headers) and its
 * answer back as it comes; a failed connection to `upstream` cuts the caller's.
 */
export function forward(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  upstream: URL,
  headers: IncomingHttpHeaders,
): void {
  const forwarded = request(
    { host: upstream.hostname, port: upstream.port, path: incoming.url, method: incoming.method, headers },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  forwarded.on('error', () => outgoing.destroy());
  incoming.pipe(forwarded);
}

/** The AWS JSON-protocol operation of a request, e.g. `secretsmanager.GetSecretValue`. */
export function awsOperation(recorded: RecordedRequest): string | undefined {
  const target = recorded.headers['x-amz-target'];
  return typeof target === 'string' ? target : undefined;
}

/** The bearer tokens the code under test sent, oldest first (to look for them where they must not be). */
export function bearerTokens(proxy: RecordingProxy): string[] {
  return proxy
    .requests()
    .flatMap(({ headers }) =>
      headers.authorization ? [headers.authorization.replace(/^Bearer\s+/i, '')] : [],
    );
}
