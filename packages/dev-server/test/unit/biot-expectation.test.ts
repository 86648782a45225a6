import type { PluginAnswer } from '@biot-plugin/biot-emulator';
import { describe, expect, it } from 'vitest';
import { biotExpectation, FORGED_TOKEN_EXPECTATION } from '../../src/events/biot-expectation.js';

const answer = (status: number, json?: unknown): PluginAnswer => ({
  status,
  headers: {},
  body: json === undefined ? '' : JSON.stringify(json),
  ...(json === undefined ? {} : { json }),
  ms: 1,
});
const request = { path: '/organization/v1/users/patients', queryParameters: {}, headers: {} };
const errorBody = (code: string) => ({
  code,
  message: 'Deletes are off',
  serviceName: 'patient-desk',
  traceId: '691d9a7ec2ebb8ad236b56d739c4c17f',
  environment: 'local',
  details: {},
});

// What BioT reads back (BIOT-CONTRACT.md §2), whatever the plugin's hooks do.
describe('what BioT needs back from each hook', () => {
  it('takes any 200 for a notification, since BioT ignores the body', () => {
    const { accepts } = biotExpectation('notification');

    expect(accepts(answer(200))).toBe(true);
    expect(accepts(answer(200, { anything: true }))).toBe(true);
    expect(accepts(answer(500, errorBody('INTERNAL_SERVER_ERROR')))).toBe(false);
  });

  it('needs a PRE interceptor’s request in the shape BioT reads, and says which fields', () => {
    const { accepts, expected } = biotExpectation('preRequest');

    expect(accepts(answer(200, { request }))).toBe(true);
    expect(accepts(answer(200, { request: { path: '/x' } }))).toBe(false);
    expect(accepts(answer(200, request))).toBe(false);
    expect(expected).toBe(
      '200 with {"request": {path, queryParameters, headers, …}}, or a 4xx block with BioT\'s error body',
    );
  });

  it('needs an ADAPT_ENTITY answer to carry its entities', () => {
    const { accepts } = biotExpectation('adaptEntity');

    expect(accepts(answer(200, { response: { entities: [{ _id: 'a' }] } }))).toBe(true);
    expect(accepts(answer(200, { response: { statusCode: 200 } }))).toBe(false);
  });

  it('takes an interceptor’s block: a 4xx with BioT’s error body', () => {
    const { accepts } = biotExpectation('postRequest');

    expect(accepts(answer(403, errorBody('ACCESS_DENIED')))).toBe(true);
    expect(accepts(answer(403, { message: 'Forbidden' }))).toBe(false);
    expect(accepts(answer(502, errorBody('BIOT_API_ERROR')))).toBe(false);
  });

  it('does not take the runtime refusing the call before the hook ran for a block', () => {
    const { accepts } = biotExpectation('preRequest');

    expect(accepts(answer(401, errorBody('JWT_INVALID')))).toBe(false);
    expect(accepts(answer(400, errorBody('INVALID_EVENT')))).toBe(false);
    expect(accepts(answer(404, errorBody('HOOK_NOT_IMPLEMENTED')))).toBe(false);
  });

  it('takes a JSON object or nothing from a scheduled hook', () => {
    const { accepts } = biotExpectation('scheduled');

    expect(accepts(answer(200))).toBe(true);
    expect(accepts(answer(200, { patients: 3 }))).toBe(true);
    expect(accepts(answer(200, [1, 2]))).toBe(false);
  });

  it('needs a forged token refused with 401 JWT_INVALID', () => {
    expect(FORGED_TOKEN_EXPECTATION.accepts(answer(401, errorBody('JWT_INVALID')))).toBe(true);
    expect(FORGED_TOKEN_EXPECTATION.accepts(answer(200))).toBe(false);
  });
});
