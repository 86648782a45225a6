/**
 * The parts of a Lambda Function URL event (payload 2.0) the runtime reads. Typed loosely on
 * purpose: everything is checked at run time, because anyone on the internet can call the URL.
 */
export interface FunctionUrlEvent {
  version?: string;
  headers?: Record<string, string | undefined>;
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext?: { http?: { method?: string } };
}

/** What a Function URL turns into an HTTP response (AWS rules, BIOT-CONTRACT.md §2). */
export interface FunctionUrlResult {
  statusCode: number;
  headers: Record<string, string>;
  body?: string;
}

export function isFunctionUrlEvent(event: unknown): event is FunctionUrlEvent {
  if (typeof event !== 'object' || event === null) return false;
  const context = (event as { requestContext?: unknown }).requestContext;
  return typeof context === 'object' && context !== null && 'http' in context;
}

/** Header names lower-cased (Function URLs already do; API Gateway v1 does not, BIOT-CONTRACT.md §1.1). */
export function lowerCaseHeaders(headers: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof headers !== 'object' || headers === null) return result;
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') result[name.toLowerCase()] = value;
  }
  return result;
}
