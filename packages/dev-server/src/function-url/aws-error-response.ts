import type { HttpResponse } from './function-url-response.js';

/**
 * The answers a Function URL gives on its own, without the function's say: 400 for a request it
 * cannot parse, 413 for a payload over the limit, 502 when the function failed, timed out or
 * answered something unreadable. AWS keeps the details out of the answer (they go to the log),
 * so the body is a fixed message; for a failed function it is "Internal Server Error", not the
 * reason phrase of 502.
 */
const MESSAGES = {
  400: 'Bad Request',
  413: 'Request Entity Too Large',
  431: 'Request Header Fields Too Large',
  502: 'Internal Server Error',
} as const;

export type AwsErrorStatus = keyof typeof MESSAGES;

export function awsErrorResponse(status: AwsErrorStatus): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    cookies: [],
    body: Buffer.from(JSON.stringify({ message: MESSAGES[status] })),
  };
}

export function awsErrorMessage(status: AwsErrorStatus): string {
  return MESSAGES[status];
}
