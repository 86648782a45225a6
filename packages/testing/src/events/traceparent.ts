import { randomBytes } from 'node:crypto';

/**
 * A fresh W3C traceparent with flags `00`, as in every BioT capture (BIOT-CONTRACT.md §5). The kit makes
 * its own because an interceptor body repeats the event's traceparent inside `request.headers`.
 */
export function newTraceparent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}

/** The trace id of a traceparent, or undefined when it is not one. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  const traceId = traceparent?.split('-')[1];
  return traceId !== undefined && /^[0-9a-f]{32}$/.test(traceId) ? traceId : undefined;
}
