import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveOnLoopback } from './loopback-server.js';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Responder = (request: SeenRequest, response: ServerResponse) => void;

/**
 * A real HTTP server on 127.0.0.1 whose answers a test scripts, for the HTTP edge cases the
 * BioT emulator does not model (malformed bodies, exact retry counts).
 */
export async function startScriptedServer(responder: Responder) {
  const seen: SeenRequest[] = [];
  const server = await serveOnLoopback((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(request);
      responder(request, res);
    });
  });
  return { url: server.url, seen, close: server.close };
}

export function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
