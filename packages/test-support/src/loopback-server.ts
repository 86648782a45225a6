import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server of a test on 127.0.0.1, on a free port. */
export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Cuts open connections too: a keep-alive client must not hold the test up. */
  close(): Promise<void>;
}

/** Serves `handle` on 127.0.0.1 on a free port, once it listens. */
export async function serveOnLoopback(
  handle: (incoming: IncomingMessage, outgoing: ServerResponse) => void,
): Promise<LoopbackServer> {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
