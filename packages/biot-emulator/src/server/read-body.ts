import type { IncomingMessage } from 'node:http';

export type BodyReading = { kind: 'read'; body: Buffer } | { kind: 'too-large' };

/**
 * Reads the request body up to `limit` bytes: the one body reader of the emulator and the dev
 * server (both serve HTTP on 127.0.0.1; neither is deployed). A declared `content-length` over the limit is
 * refused before a byte is read; a chunked body is refused as soon as it passes the limit, and
 * the rest is drained unread so the client can still read the answer.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<BodyReading> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.resolve({ kind: 'too-large' });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        chunks.length = 0;
        request.resume();
        resolve({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve({ kind: 'read', body: Buffer.concat(chunks) }));
    request.once('error', reject);
  });
}
