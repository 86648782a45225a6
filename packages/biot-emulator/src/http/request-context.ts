import type { IncomingHttpHeaders } from 'node:http';

/** What a route handler sees of one request: already read, already routed. */
export interface RequestContext {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Path variables of the matched route template, decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** The request body as text; '' when there was none. */
  readonly rawBody: string;
  /** The trace id of the caller's `traceparent`, or a fresh one; goes into every error body. */
  readonly traceId: string;
}

/** A handler's answer. `body: undefined` sends no body (204). */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
}

export type RouteHandler = (context: RequestContext) => Reply | Promise<Reply>;

/** The value of a single-valued header; Node joins or arrays repeated ones. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
