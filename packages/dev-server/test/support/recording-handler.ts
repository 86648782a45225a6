import type { FunctionUrlRequestEvent } from '../../src/function-url/function-url-request-event.js';
import type { LocalLambdaContext } from '../../src/function-url/lambda-context.js';
import { describeError } from '../../src/server/dev-server-log.js';
import type { FunctionHandler } from '../../src/server/invoke-handler.js';

export interface Recorded {
  event: FunctionUrlRequestEvent;
  context: LocalLambdaContext;
  remainingAtStart: number;
}

/** A handler that remembers what it was called with and answers `answer` (default `{}`). */
export function recordingHandler(answer: (event: FunctionUrlRequestEvent) => unknown = () => ({})) {
  const calls: Recorded[] = [];
  const handler: FunctionHandler = (event, context) => {
    calls.push({
      event: event as FunctionUrlRequestEvent,
      context,
      remainingAtStart: context.getRemainingTimeInMillis(),
    });
    return answer(event as FunctionUrlRequestEvent);
  };
  return {
    handler,
    calls,
    get last(): Recorded {
      const last = calls.at(-1);
      if (last === undefined) throw new Error('the handler was not called');
      return last;
    },
  };
}

/** A DevServerLog that keeps its lines, for asserting on what the dev server reported. */
export function capturingLog() {
  const lines: string[] = [];
  return {
    lines,
    info: (message: string) => lines.push(message),
    warn: (message: string) => lines.push(message),
    error: (message: string, error?: unknown) =>
      lines.push(error === undefined ? message : `${message}\n${describeError(error)}`),
  };
}
