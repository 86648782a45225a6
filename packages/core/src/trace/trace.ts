import { randomBytes } from 'node:crypto';

/** The W3C trace context of one invocation. */
export interface Trace {
  /** The header value forwarded on every BioT call and returned to BioT. */
  readonly traceparent: string;
  /** The 32-hex trace id: in every log line and every error body (BIOT-CONTRACT.md §5). */
  readonly traceId: string;
}

// W3C trace-context version 00 is exactly 55 characters; we accept only that form so an
// attacker-controlled value is never echoed into logs, headers or error bodies.
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ALL_ZERO = /^0+$/;

/** The inbound `traceparent` when it is valid W3C, else a new one (BIOT-CONTRACT.md §5). */
export function traceFrom(traceparent: string | undefined): Trace {
  if (traceparent !== undefined && traceparent.length === 55) {
    const match = TRACEPARENT.exec(traceparent);
    if (match?.[1] && match[2] && !ALL_ZERO.test(match[1]) && !ALL_ZERO.test(match[2])) {
      return { traceparent, traceId: match[1] };
    }
  }
  return newTrace();
}

export function newTrace(): Trace {
  const traceId = randomBytes(16).toString('hex');
  return { traceparent: `00-${traceId}-${newSpanId()}-01`, traceId };
}

/** A random 16-hex span id (W3C parent-id; all zero is invalid, so it is never that). */
export function newSpanId(): string {
  const id = randomBytes(8).toString('hex');
  return id === '0000000000000000' ? newSpanId() : id;
}

/**
 * The `traceparent` of one call the plugin makes: the invocation's trace id and flags (so the
 * sampling decision travels on), with the call's own span id as parent-id. The plugin is then a
 * participant in W3C terms, and BioT sees its calls as children of the plugin's span rather than
 * as siblings of its own. An invalid `invocation` value starts a new trace.
 */
export function callTraceparent(invocation: string, spanId: string): string {
  const { traceparent } = traceFrom(invocation);
  // `00-` + trace id (32) + `-` = 36 characters; the span id ends at 52, `-flags` follows.
  return `${traceparent.slice(0, 36)}${spanId}${traceparent.slice(52)}`;
}
