import { randomUUID } from 'node:crypto';
import type { BiotEvent } from '@biot-plugin/biot-emulator';

/** A Lambda Function URL event (payload 2.0) carrying a call BioT made, as AWS delivers it. */
export function functionUrlEvent(call: BiotEvent): Record<string, unknown> {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: call.headers,
    requestContext: {
      accountId: 'anonymous',
      http: {
        method: 'POST',
        path: '/',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'ReactorNetty/1.2.10',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      timeEpoch: Date.now(),
    },
    body: call.body,
    isBase64Encoded: false,
  };
}

/** A Lambda context with `budgetMs` left. */
export function lambdaContext(budgetMs = 5_000) {
  const deadline = Date.now() + budgetMs;
  return { getRemainingTimeInMillis: () => deadline - Date.now(), awsRequestId: randomUUID() };
}
