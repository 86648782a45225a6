import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

/**
 * An HTTP request through Node's own client, which (unlike fetch) can repeat a header, send a
 * chunked body of any size, and omit `content-type`.
 */
export function send(
  url: string,
  options: {
    method?: string;
    path?: string;
    headers?: OutgoingHttpHeaders;
    body?: Buffer | string;
    chunked?: boolean;
  } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}${options.path ?? '/'}`,
      { method: options.method ?? 'POST', headers: options.headers ?? {} },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body,
            text: body.toString(),
          });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    if (options.chunked && options.body !== undefined) {
      // Several writes without a content-length: Node sends them chunked.
      const body = Buffer.from(options.body);
      const step = 256 * 1024;
      for (let start = 0; start < body.length; start += step)
        request.write(body.subarray(start, start + step));
      request.end();
    } else {
      request.end(options.body);
    }
  });
}

/** Writes bytes straight to the socket and resolves with everything the server sends back. */
export function sendRaw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.on('end', () => resolve(received));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}
