import type { IncomingMessage } from 'node:http';
import { BiotHttpError } from '../errors.js';

// BioT APIs take small JSON documents; anything this big is a test bug, not a payload.
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The whole request body as UTF-8 text; 413 PAYLOAD_TOO_LARGE past the limit. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) {
        reject(
          new BiotHttpError(
            413,
            'PAYLOAD_TOO_LARGE',
            `Request bodies are limited to ${MAX_BODY_BYTES} bytes`,
          ),
        );
      } else {
        resolve(chunks.length === 0 ? '' : Buffer.concat(chunks).toString('utf8'));
      }
    });
    request.on('error', reject);
  });
}
