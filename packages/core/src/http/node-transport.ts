import http from 'node:http';
import https from 'node:https';

/**
 * One HTTP exchange with BioT on node:http(s), not fetch: fetch is undici, whose lazy load (and
 * the web streams, Request and Headers it builds) cost about 70 ms of a cold start's first
 * response on Node 22, and its keep-alive round trip is twice node:http's (README, dependencies).
 */
export interface Exchange {
  method: string;
  /** Below the base URL; leading slashes are dropped, as ky's `prefixUrl` did. */
  path: string;
  searchParams?: Record<string, string>;
  headers: Record<string, string>;
  /** Sent as JSON when defined. */
  json?: unknown;
  /** Bounds the whole exchange, connect to the last byte of the body. */
  timeoutMs: number;
  /** Ends the exchange early (the invocation's deadline). */
  signal?: AbortSignal;
}

export interface Answer {
  status: number;
  /** The body as text, at most `MAX_ANSWER_BYTES`. */
  text: string;
}

/** No BioT answer the runtime reads comes near this; a bigger one is a fault, not data to buffer. */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** The exchange took longer than its `timeoutMs` (or its signal's deadline). */
export class ExchangeTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** BioT's answer is bigger than `MAX_ANSWER_BYTES`; the rest is not read. */
export class AnswerTooLargeError extends Error {
  override readonly name = 'AnswerTooLargeError';
  constructor(readonly status: number) {
    super(`BioT's answer exceeds ${MAX_ANSWER_BYTES} bytes`);
  }
}

/**
 * One keep-alive agent per base URL, shared by every BiotHttp of the process (a Lambda keeps its
 * connection to BioT from one invocation to the next). Idle sockets are closed after 4 s, below
 * the usual 5 s keep-alive of servers, so a reused socket is rarely one the server has dropped.
 */
const agents = new Map<string, http.Agent>();

function agentFor(base: URL): http.Agent {
  let agent = agents.get(base.origin);
  if (!agent) {
    const client = base.protocol === 'https:' ? https : http;
    agent = new client.Agent({ keepAlive: true, maxSockets: 50, timeout: 4_000 });
    agents.set(base.origin, agent);
  }
  return agent;
}

/**
 * Sends one request to `${baseUrl}/${path}` and reads the whole answer, whatever its status.
 * Rejects with ExchangeTimeoutError, AnswerTooLargeError, or the socket's own error (refused,
 * reset, DNS, a body cut short).
 */
export async function exchange(baseUrl: string, request: Exchange): Promise<Answer> {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  // Concatenated, not resolved: a path can never leave the base URL (`//host`, `http://...`).
  const url = new URL(`${base.href}${request.path.replace(/^\/+/, '')}`);
  for (const [name, value] of Object.entries(request.searchParams ?? {})) url.searchParams.set(name, value);
  const body = request.json === undefined ? undefined : JSON.stringify(request.json);
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  try {
    return await send(url, base, request, headers, body);
  } catch (error) {
    // A keep-alive socket the server closed while it sat idle (or while Lambda was frozen) fails
    // on first use, before BioT saw anything: Node's documented case for one immediate retry.
    if (error instanceof ReusedSocketError) return send(url, base, request, headers, body);
    throw error;
  }
}

class ReusedSocketError extends Error {}

function send(
  url: URL,
  base: URL,
  request: Exchange,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<Answer> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    let answered = false;
    const finish = (error: Error | undefined, answer?: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(answer as Answer);
    };
    const onAbort = () => finish(new ExchangeTimeoutError('BioT did not answer before the deadline'));
    const timer = setTimeout(
      () => finish(new ExchangeTimeoutError(`BioT did not answer within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );
    const req = client.request(url, { method: request.method, headers, agent: agentFor(base) }, (res) => {
      answered = true;
      const status = res.statusCode ?? 0;
      if (Number(res.headers['content-length']) > MAX_ANSWER_BYTES) {
        finish(new AnswerTooLargeError(status));
        return;
      }
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > MAX_ANSWER_BYTES) finish(new AnswerTooLargeError(status));
        else chunks.push(chunk);
      });
      res.on('end', () => finish(undefined, { status, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => finish(error));
      // The socket died after the head, before the last byte: an unreachable BioT, not an answer.
      res.on('close', () => {
        if (!res.complete) finish(new Error('BioT closed the connection before the answer was complete'));
      });
    });
    req.on('error', (error) =>
      finish(req.reusedSocket && !answered ? new ReusedSocketError(error.message, { cause: error }) : error),
    );
    if (request.signal?.aborted) return onAbort();
    request.signal?.addEventListener('abort', onAbort);
    req.end(body);
  });
}
