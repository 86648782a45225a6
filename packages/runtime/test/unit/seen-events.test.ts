import { describe, expect, it } from 'vitest';
import { notificationKey, SeenEvents } from '../../src/replay/seen-events.js';

describe('notificationKey', () => {
  it('tells events apart by token and body together, and holds neither', () => {
    const key = notificationKey('token', '{"a":1}');
    expect(key).toBe(notificationKey('token', '{"a":1}'));
    expect(key).not.toBe(notificationKey('token', '{"a":2}'));
    expect(key).not.toBe(notificationKey('other', '{"a":1}'));
    expect(key).toMatch(/^[\w-]{43}$/);
  });
});

describe('SeenEvents', () => {
  const later = Date.now() + 60_000;

  it('knows an exact repeat of an event that ran, and only that', () => {
    const seen = new SeenEvents();
    expect(seen.claim('a', later)).toBe('first');
    seen.complete('a');
    expect(seen.claim('a', later)).toBe('done');
    expect(seen.claim('b', later)).toBe('first');
  });

  it('knows an event that is still running', () => {
    const seen = new SeenEvents();
    seen.claim('a', later);
    expect(seen.claim('a', later)).toBe('running');
  });

  it('forgets an event whose run failed, so a repeat runs again', () => {
    const seen = new SeenEvents();
    seen.claim('a', later);
    seen.release('a');
    expect(seen.claim('a', later)).toBe('first');
  });

  it('stays within its bound by forgetting the oldest event first', () => {
    const seen = new SeenEvents(3);
    for (const key of ['1', '2', '3', '4']) {
      seen.claim(key, later);
      seen.complete(key);
    }
    expect(seen.claim('4', later)).toBe('done');
    expect(seen.claim('1', later)).toBe('first');
  });

  it('forgets an event once its token has expired', () => {
    let now = 1_000;
    const seen = new SeenEvents(10, () => now);
    seen.claim('a', 2_000);
    seen.complete('a');
    now = 2_001;
    expect(seen.claim('a', 3_000)).toBe('first');
  });
});
