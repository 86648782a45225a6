import { describe, expect, it } from 'vitest';
import { shortRoute } from '../../src/measure/warm-latency.js';
import {
  allPass,
  formatTarget,
  formatValue,
  type Measurement,
  meets,
  verdictOf,
} from '../../src/report/measurement.js';
import { renderTable } from '../../src/report/table.js';

const overhead: Measurement = {
  id: 'overhead.p50',
  metric: 'pipeline overhead p50',
  value: 0.21,
  unit: 'ms',
  target: { op: '<=', limit: 0.3 },
};

describe('targets', () => {
  it('passes a value at the limit of an at-most target', () => {
    expect(meets(0.3, { op: '<=', limit: 0.3 })).toBe(true);
    expect(meets(0.31, { op: '<=', limit: 0.3 })).toBe(false);
  });

  it('fails a value at the limit of an under target', () => {
    expect(meets(100, { op: '<', limit: 100 })).toBe(false);
  });

  it('reads a within target as a change of plus or minus the limit', () => {
    expect(meets(-19.9, { op: 'within', limit: 20 })).toBe(true);
    expect(meets(20.1, { op: 'within', limit: 20 })).toBe(false);
  });

  it('fails a figure with a target that could not be measured', () => {
    expect(verdictOf({ ...overhead, value: undefined })).toBe('FAIL');
    expect(verdictOf({ ...overhead, value: Number.NaN })).toBe('FAIL');
  });

  it('marks a figure this machine cannot take n/a, which is not a failure', () => {
    const secretReads: Measurement = {
      id: 'burst.secretReads',
      metric: 'secret reads',
      value: undefined,
      unit: 'count',
      target: { op: '=', limit: 1 },
      unavailable: 'n/a (moto_server not found)',
    };
    expect(verdictOf(secretReads)).toBe('n/a');
    expect(allPass([overhead, secretReads])).toBe(true);
  });

  it('leaves a figure without a target unjudged', () => {
    const { target: _none, ...info } = overhead;
    expect(verdictOf(info)).toBe('');
  });
});

describe('formatting', () => {
  it('shows sizes in KB of 1,000 bytes with the exact byte count', () => {
    expect(formatValue(205_742, 'bytes')).toBe('205.7 KB (205,742 B)');
    expect(formatTarget({ op: '<=', limit: 250_000 }, 'bytes')).toBe('≤ 250 KB');
  });

  it('shows sub-10 ms latencies to the hundredth', () => {
    expect(formatValue(0.2149, 'ms')).toBe('0.21 ms');
    expect(formatValue(41.53, 'ms')).toBe('41.5 ms');
  });

  it('signs a percentage change', () => {
    expect(formatValue(7.34, 'percent')).toBe('+7.3 %');
    expect(formatTarget({ op: 'within', limit: 20 }, 'percent')).toBe('within ±20 %');
  });

  it('shortens a route template to its last segments', () => {
    expect(shortRoute('GET /organization/v1/users/patients/{id}')).toBe('GET …/patients/{id}');
    expect(shortRoute('GET /organization/v1/users/patients')).toBe('GET …/patients');
  });
});

describe('renderTable', () => {
  it('aligns metric, value, target and result in columns under a header', () => {
    const table = renderTable([
      overhead,
      { id: 'b', metric: 'bundle', value: 300_000, unit: 'bytes', target: { op: '<=', limit: 250_000 } },
    ]).split('\n');
    expect(table[0]).toMatch(/^metric\s+value\s+target\s+result$/);
    expect(table[2]).toMatch(/^pipeline overhead p50\s+0\.21 ms\s+≤ 0\.30 ms\s+PASS$/);
    expect(table[3]).toMatch(/^bundle\s+300\.0 KB \(300,000 B\)\s+≤ 250 KB\s+FAIL$/);
    expect(table[2]?.indexOf('0.21 ms')).toBe(table[3]?.indexOf('300.0 KB'));
  });
});
