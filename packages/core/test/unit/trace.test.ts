import { describe, expect, it } from 'vitest';
import { traceFrom } from '../../src/trace/trace.js';

const VALID = '00-691d9a7ec2ebb8ad236b56d739c4c17f-ff435abc75711595-00';
const W3C = /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/;

describe('traceFrom', () => {
  it('keeps a valid inbound traceparent and takes its trace id', () => {
    const trace = traceFrom(VALID);
    expect(trace).toEqual({ traceparent: VALID, traceId: '691d9a7ec2ebb8ad236b56d739c4c17f' });
  });

  it('creates a new W3C traceparent when none arrives', () => {
    const trace = traceFrom(undefined);
    expect(trace.traceparent).toMatch(W3C);
    expect(trace.traceparent.slice(3, 35)).toBe(trace.traceId);
  });

  it.each([
    ['upper-case hex', VALID.toUpperCase()],
    ['an all-zero trace id', '00-00000000000000000000000000000000-ff435abc75711595-00'],
    ['an all-zero parent id', '00-691d9a7ec2ebb8ad236b56d739c4c17f-0000000000000000-00'],
    ['a short trace id', '00-691d9a7ec2ebb8ad236b56d739c4c1-ff435abc75711595-00'],
    ['an oversized value', `${VALID}-${'a'.repeat(5000)}`],
    ['script injection', '00-<script>alert(1)</script>-ff435abc75711595-00'],
    ['an empty string', ''],
  ])('replaces %s with a fresh trace and never echoes it', (_case, value) => {
    const trace = traceFrom(value);
    expect(trace.traceparent).toMatch(W3C);
    expect(trace.traceparent).not.toBe(value);
  });

  it('gives every invocation without a traceparent its own trace id', () => {
    expect(traceFrom(undefined).traceId).not.toBe(traceFrom(undefined).traceId);
  });
});
