import { serveOnLoopback } from '@biot-plugin/test-support/loopback-server';
import { forward } from '@biot-plugin/test-support/recording-proxy';

/**
 * Lambda's API in front of moto on 127.0.0.1, for `AWS_ENDPOINT_URL_LAMBDA`: moto keeps the
 * functions (GetFunctionConfiguration answers from the stack it deployed) but cannot run one
 * without Docker, so Invoke (`POST /2015-03-31/functions/{name}/invocations`) goes to the dev
 * server that serves that function's handler, which answers it as Lambda's Invoke API does
 * (packages/dev-server, "Direct invocations"). An invocation of a function with no dev server is
 * answered as Lambda answers an unknown function.
 */
export interface LambdaFront {
  readonly url: string;
  /** Serve invocations of `functionName` with the dev server at `devServerUrl`. */
  route(functionName: string, devServerUrl: string): void;
  close(): Promise<void>;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/?]+)\/invocations(?:\?|$)/;

export async function startLambdaFront(motoUrl: string): Promise<LambdaFront> {
  const routes = new Map<string, string>();
  const server = await serveOnLoopback((incoming, outgoing) => {
    const invoked = INVOKE_PATH.exec(incoming.url ?? '')?.[1];
    const functionName = invoked === undefined ? undefined : decodeURIComponent(invoked);
    if (functionName !== undefined && !routes.has(functionName)) {
      outgoing.writeHead(404, {
        'content-type': 'application/json',
        'x-amzn-errortype': 'ResourceNotFoundException',
      });
      outgoing.end(JSON.stringify({ Type: 'User', Message: `Function not found: ${functionName}` }));
      return;
    }
    const upstream = new URL(functionName === undefined ? motoUrl : (routes.get(functionName) as string));
    forward(incoming, outgoing, upstream, { ...incoming.headers, host: upstream.host });
  });
  return {
    url: server.url,
    route: (functionName, devServerUrl) => routes.set(functionName, devServerUrl),
    close: server.close,
  };
}
