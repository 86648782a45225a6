import { expect } from 'vitest';
import type { FunctionUrlResult } from '../../src/event/function-url-event.js';

const ERROR_BODY_KEYS = ['code', 'details', 'environment', 'message', 'serviceName', 'traceId'];

/** Asserts the answer is BioT's error body (BIOT-CONTRACT.md §2.5): a JSON string with exactly its keys. */
export function expectBiotErrorBody(result: FunctionUrlResult): Record<string, unknown> {
  expect(result.headers['content-type']).toBe('application/json');
  expect(typeof result.body).toBe('string');
  const body = JSON.parse(result.body ?? '') as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(ERROR_BODY_KEYS);
  expect(body.traceId).toMatch(/^[0-9a-f]{32}$/);
  return body;
}
