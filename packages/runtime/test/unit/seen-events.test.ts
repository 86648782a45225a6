import { describe, expect, it } from 'vitest';
import { SeenEvents } from '../../src/replay/seen-events.js';

describe('SeenEvents', () => {
  const later = Date.now() + 60_000;

  it('knows an exact repeat, and only that', () => {
    const seen = new SeenEvents();
    expect(seen.firstTime('token', '{"a":1}', later)).toBe(true);
    expect(seen.firstTime('token', '{"a":1}', later)).toBe(false);
    expect(seen.firstTime('token', '{"a":2}', later)).toBe(true);
    expect(seen.firstTime('other', '{"a":1}', later)).toBe(true);
  });

  it('stays within its bound by forgetting the oldest event first', () => {
    const seen = new SeenEvents(3);
    for (const body of ['1', '2', '3', '4']) seen.firstTime('token', body, later);
    expect(seen.firstTime('token', '4', later)).toBe(false);
    expect(seen.firstTime('token', '1', later)).toBe(true);
  });

  it('forgets an event once its token has expired', () => {
    let now = 1_000;
    const seen = new SeenEvents(10, () => now);
    seen.firstTime('token', 'body', 2_000);
    now = 2_001;
    expect(seen.firstTime('token', 'body', 3_000)).toBe(true);
  });
});
