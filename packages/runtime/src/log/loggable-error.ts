import { sourceMappedStack } from './source-mapped-stack.js';

/**
 * What of an error goes to the log: a fixed set of fields. A hook's error may carry whole
 * entities or a request in its enumerable properties; those stay out of CloudWatch. The stack
 * points into the TypeScript sources (source-mapped-stack.ts).
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error).slice(0, 500) };
  const { code, status } = error as { code?: unknown; status?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: sourceMappedStack(error.stack) }),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof status === 'number' ? { status } : {}),
    ...(error.cause === undefined ? {} : { cause: loggableError(error.cause) }),
  };
}
