/** Function URL (payload 2.0) events as AWS delivers them (contract §1.1). */
export function functionUrlEvent(options: {
  headers?: Record<string, string>;
  body?: string | null;
  isBase64Encoded?: boolean;
}): Record<string, unknown> {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'user-agent': 'ReactorNetty/1.2.10', ...options.headers },
    requestContext: {
      accountId: 'anonymous',
      http: {
        method: 'POST',
        path: '/',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'ReactorNetty/1.2.10',
      },
      requestId: crypto.randomUUID(),
      routeKey: '$default',
      stage: '$default',
      timeEpoch: Date.now(),
    },
    body: options.body ?? null,
    isBase64Encoded: options.isBase64Encoded ?? false,
  };
}

export const TRACEPARENT = '00-691d9a7ec2ebb8ad236b56d739c4c17f-ff435abc75711595-00';
export const TRACE_ID = '691d9a7ec2ebb8ad236b56d739c4c17f';
