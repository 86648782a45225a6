import { randomBytes } from 'node:crypto';

/** A fresh W3C traceparent for one run, sent on every BioT call of it (contract §5). */
export function newTraceparent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

/** The trace id segment: what BioT puts in its error bodies, so logs on both sides can be matched. */
export function traceIdOf(traceparent: string): string {
  return traceparent.split('-')[1] ?? '';
}
