import type { HttpResponse } from '../function-url/function-url-response.js';
import { MAX_PAYLOAD_BYTES } from '../function-url/limits.js';
import type { Invocation } from '../server/invoke-handler.js';

/**
 * Lambda's Invoke API, the other way into a function: the call EventBridge Scheduler makes for a
 * plugin's schedule (infra's HookSchedule) and `aws lambda invoke` makes, authorised by IAM. The
 * dev server answers it on the path AWS's Runtime Interface Emulator uses, so
 * `aws lambda invoke --endpoint-url <dev server> --function-name function out.json` works too.
 */
export const DIRECT_INVOCATION_PATH = '/2015-03-31/functions/function/invocations';

const INVOCATION_PATH = /^\/2015-03-31\/functions\/[^/]+\/invocations$/;

/** Whether a request is a direct invocation rather than a Function URL request. */
export function isDirectInvocation(method: string, path: string): boolean {
  return method === 'POST' && INVOCATION_PATH.test(path);
}

/** The event of a direct invocation is the payload itself, JSON; none is `{}`, as the CLI sends. */
export function directInvocationEvent(body: Buffer): { event: unknown } | { refused: HttpResponse } {
  if (body.length === 0) return { event: {} };
  try {
    return { event: JSON.parse(body.toString('utf8')) as unknown };
  } catch (error) {
    return {
      refused: invokeApiError(
        400,
        'InvalidRequestContentException',
        `Could not parse request body into json: ${(error as Error).message}`,
      ),
    };
  }
}

export const directInvocationTooLarge = (): HttpResponse =>
  invokeApiError(
    413,
    'RequestTooLargeException',
    `Request must be smaller than ${MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
  );

/**
 * What the Invoke API answers (Lambda API reference, "Invoke"): 200 with the handler's result as
 * JSON, or, when the function failed, 200 with `X-Amz-Function-Error: Unhandled` and the error
 * as Lambda's Node runtime reports it.
 */
export function directInvocationResponse(invocation: Invocation, timeoutMs: number): HttpResponse {
  switch (invocation.outcome) {
    case 'returned':
      return json(200, JSON.stringify(invocation.result) ?? 'null');
    case 'threw': {
      const error =
        invocation.error instanceof Error ? invocation.error : new Error(String(invocation.error));
      const payload = {
        errorType: error.name,
        errorMessage: error.message,
        trace: error.stack?.split('\n') ?? [],
      };
      return json(200, JSON.stringify(payload), { 'x-amz-function-error': 'Unhandled' });
    }
    case 'timed-out': {
      const message = `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
      return json(200, JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage: message }), {
        'x-amz-function-error': 'Unhandled',
      });
    }
  }
}

function invokeApiError(status: number, type: string, message: string): HttpResponse {
  return json(status, JSON.stringify({ Type: 'User', message }), { 'x-amzn-errortype': type });
}

function json(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST', ...headers },
    cookies: [],
    body: Buffer.from(body),
  };
}
