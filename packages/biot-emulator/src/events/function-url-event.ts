import { randomUUID } from 'node:crypto';

/** An HTTP call as BioT makes it (see `buildEvent`), or any other headers and body. */
export interface FunctionUrlCall {
  headers?: Record<string, string>;
  body?: string | null;
  isBase64Encoded?: boolean;
}

/**
 * The Lambda Function URL event (payload 2.0) AWS hands a plugin for a call BioT made (contract
 * §1.1): for invoking a handler in-process, without the dev server's HTTP hop. The caller's
 * headers are expected lower-case, as a Function URL delivers them.
 */
export function functionUrlEvent(call: FunctionUrlCall): Record<string, unknown> {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'user-agent': 'ReactorNetty/1.2.10', ...call.headers },
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
    body: call.body ?? null,
    isBase64Encoded: call.isBase64Encoded ?? false,
  };
}

/** A Lambda context with `budgetMs` left before the deadline. */
export function lambdaContext(budgetMs = 3_000): {
  getRemainingTimeInMillis(): number;
  awsRequestId: string;
} {
  const deadline = Date.now() + budgetMs;
  return { getRemainingTimeInMillis: () => deadline - Date.now(), awsRequestId: randomUUID() };
}
