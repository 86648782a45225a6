import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface PluginDouble {
  url: string;
  calls: ReceivedCall[];
  close(): Promise<void>;
}

/** A real HTTP endpoint standing in for a plugin: records each call and answers 200 with JSON. */
export async function startPluginDouble(
  answer: (call: ReceivedCall) => { status: number; body: string } = () => ({
    status: 200,
    body: '{"ok":true}',
  }),
): Promise<PluginDouble> {
  const calls: ReceivedCall[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      calls.push(received);
      const { status, body } = answer(received);
      response.writeHead(status, {
        'content-type': 'application/json',
        traceparent: `${request.headers.traceparent}`,
      });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
