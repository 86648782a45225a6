import type { LocalLambdaContext } from '../function-url/lambda-context.js';

/** A Lambda handler as the dev server calls it: async, or returning its result directly. */
export type FunctionHandler = (event: unknown, context: LocalLambdaContext) => unknown;

export type Invocation =
  | { outcome: 'returned'; result: unknown }
  | { outcome: 'threw'; error: unknown }
  | { outcome: 'timed-out' };

/**
 * Calls the handler and waits at most `timeoutMs` for it, as Lambda does. Lambda then stops the
 * function; a local process cannot stop a promise, so a late result is simply ignored.
 */
export async function invokeHandler(
  handler: FunctionHandler,
  event: unknown,
  context: LocalLambdaContext,
  timeoutMs: number,
): Promise<Invocation> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Invocation>((resolve) => {
    timer = setTimeout(() => resolve({ outcome: 'timed-out' }), timeoutMs);
  });
  const ran = (async (): Promise<Invocation> => {
    try {
      return { outcome: 'returned', result: await handler(event, context) };
    } catch (error) {
      return { outcome: 'threw', error };
    }
  })();
  try {
    return await Promise.race([ran, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
