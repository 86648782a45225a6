import type { ServerResponse } from 'node:http';

/**
 * Writes an answer. Objects go out as JSON; a string is sent as-is (only injected faults do that,
 * to imitate a proxy's error page); undefined sends no body. A no-op when the client is gone.
 */
export function sendReply(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent || response.destroyed) return;
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  const raw = typeof body === 'string';
  const text = raw ? body : JSON.stringify(body);
  response
    .writeHead(status, {
      'content-type': raw ? 'text/plain; charset=utf-8' : 'application/json',
      'content-length': Buffer.byteLength(text),
    })
    .end(text);
}
