import { describe, expect, it } from 'vitest';
import { freshBody, freshEvent } from '../../src/probes/probe-support.js';

// The runtime runs a repeated notification only once, so the bench never sends one twice.
describe('a fresh body for every invocation', () => {
  it('puts a sequence number in front of the body’s own keys', () => {
    expect(JSON.parse(freshBody('{"metadata":{"actionName":"_create"}}', 7))).toEqual({
      benchSequence: 7,
      metadata: { actionName: '_create' },
    });
  });

  it('keeps an empty object a valid JSON object', () => {
    expect(JSON.parse(freshBody('{}', 1))).toEqual({ benchSequence: 1 });
    expect(JSON.parse(freshBody('{ }', 2))).toEqual({ benchSequence: 2 });
  });

  it('leaves a body that is not a JSON object alone', () => {
    expect(freshBody('[1,2]', 3)).toBe('[1,2]');
  });

  it('gives two invocations of one pooled event different bodies', () => {
    const pooled = { version: '2.0', body: '{"a":1}', isBase64Encoded: false };

    expect(freshEvent(pooled, 1).body).not.toBe(freshEvent(pooled, 2).body);
    expect(pooled.body).toBe('{"a":1}');
  });
});
