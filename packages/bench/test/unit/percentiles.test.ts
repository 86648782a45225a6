import { describe, expect, it } from 'vitest';
import { median, percentile, slope, summarize } from '../../src/stats/percentiles.js';

describe('percentile', () => {
  it('answers the nearest-rank sample, never an interpolated value', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 50)).toBe(5);
    expect(percentile(sorted, 90)).toBe(9);
    expect(percentile(sorted, 99)).toBe(10);
  });

  it('answers the smallest sample for p0 and the largest for p100', () => {
    expect(percentile([3, 4, 5], 0)).toBe(3);
    expect(percentile([3, 4, 5], 100)).toBe(5);
  });

  it('puts p99 of 2,000 samples at the 1,980th', () => {
    const sorted = Array.from({ length: 2_000 }, (_, i) => i + 1);
    expect(percentile(sorted, 99)).toBe(1_980);
  });

  it('refuses no samples and a percentile outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('median', () => {
  it('takes the middle of an odd count and the mean of the two middles of an even one', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('summarize', () => {
  it('sorts numerically, not as text', () => {
    const summary = summarize([10, 9, 100, 1]);
    expect(summary.p50).toBe(9);
    expect(summary.max).toBe(100);
    expect(summary.mean).toBe(30);
    expect(summary.count).toBe(4);
  });
});

describe('slope', () => {
  it('finds bytes per invocation from heap samples', () => {
    const points = [0, 10_000, 20_000, 30_000].map((x) => ({ x, y: 5_000_000 + 12.5 * x }));
    expect(slope(points)).toBeCloseTo(12.5, 10);
  });

  it('is not swung by one noisy sample as much as first-to-last is', () => {
    const points = [
      { x: 0, y: 100 },
      { x: 1, y: 100 },
      { x: 2, y: 100 },
      { x: 3, y: 160 },
    ];
    expect(slope(points)).toBeLessThan((160 - 100) / 3);
  });
});
