import { randomBytes } from 'node:crypto';

// W3C trace-context version 00; BioT sends exactly this form (BIOT-CONTRACT.md §1.2, §5).
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
const ALL_ZERO = /^0+$/;

/** The 32-hex trace id of a valid `traceparent`, else undefined. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  const match = traceparent === undefined ? null : TRACEPARENT.exec(traceparent);
  if (match === null) return undefined;
  const [, traceId = '', parentId = ''] = match;
  // All-zero ids are invalid in W3C trace context.
  return ALL_ZERO.test(traceId) || ALL_ZERO.test(parentId) ? undefined : traceId;
}

export function newTraceId(): string {
  return randomBytes(16).toString('hex');
}

/** A fresh `traceparent` as BioT sends it: flags `00` in every captured event (BIOT-CONTRACT.md §1.2). */
export function newTraceparent(): string {
  return `00-${newTraceId()}-${randomBytes(8).toString('hex')}-00`;
}
