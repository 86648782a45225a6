import type { PluginAnswer } from '@biot-plugin/biot-emulator';
import { describe, expect, it } from 'vitest';
import { describeOutcome } from '../../src/demo/describe-outcome.js';

const noCalls = { routes: [], hookCalls: [], groundwork: [] };
const answer = (status: number, json?: unknown): PluginAnswer => ({
  status,
  headers: {},
  body: json === undefined ? '' : JSON.stringify(json),
  ...(json === undefined ? {} : { json }),
  ms: 1,
});
const request = { path: '/organization/v1/users/patients', queryParameters: {}, headers: {} };

describe('what the hook did, in words', () => {
  it('says a PRE hook passed the request through when it changed nothing', () => {
    expect(describeOutcome('preRequest', { request }, answer(200, { request }), noCalls)).toBe(
      'passed the request through unchanged',
    );
  });

  it('names a changed path with its old and new values', () => {
    const changed = { ...request, path: '/organization/v1/users/caregivers' };

    expect(describeOutcome('preRequest', { request }, answer(200, { request: changed }), noCalls)).toBe(
      'changed path "/organization/v1/users/patients" → "/organization/v1/users/caregivers"',
    );
  });

  it('says a hook blocked the call, with BioT’s error code and message', () => {
    const blocked = answer(403, { code: 'ACCESS_DENIED', message: 'Deleting patients is disabled' });

    expect(describeOutcome('preRequest', { request }, blocked, noCalls)).toBe(
      'blocked with ACCESS_DENIED: Deleting patients is disabled',
    );
  });

  it('says a hook failed when the plugin answers 5xx', () => {
    expect(describeOutcome('notification', {}, answer(502, { code: 'BIOT_API_ERROR' }), noCalls)).toBe(
      'failed with BIOT_API_ERROR',
    );
  });

  it('says a notification was acknowledged when the hook called nothing', () => {
    expect(describeOutcome('notification', {}, answer(200), noCalls)).toBe('acknowledged');
  });

  it('lists the BioT calls, and the login that preceded them', () => {
    const calls = { routes: [], hookCalls: ['updated patient 72b65591…'], groundwork: ['logged in'] };

    expect(describeOutcome('notification', {}, answer(200), calls)).toBe(
      'updated patient 72b65591… via BioT (after it logged in)',
    );
  });

  it('compares a search answer entity by entity', () => {
    const sent = {
      response: {
        statusCode: 200,
        body: {
          data: [
            { _id: 'a', n: 1 },
            { _id: 'b', n: 2 },
          ],
        },
      },
    };
    const changed = {
      response: {
        statusCode: 200,
        body: {
          data: [
            { _id: 'a', n: 1 },
            { _id: 'b', n: 3 },
          ],
        },
      },
    };

    expect(describeOutcome('postRequest', sent, answer(200, changed), noCalls)).toBe(
      'changed n in 1 of 2 entities, e.g. 2 → 3',
    );
  });

  it('says what a scheduled hook answered', () => {
    expect(describeOutcome('scheduled', {}, answer(200, { enabledPatients: 2 }), noCalls)).toBe(
      'answered {"enabledPatients":2}',
    );
  });

  it('says an ADAPT_ENTITY hook dropped entities', () => {
    const sent = { response: { entities: [{ _id: 'a' }, { _id: 'b' }] } };

    expect(
      describeOutcome('adaptEntity', sent, answer(200, { response: { entities: [{ _id: 'a' }] } }), noCalls),
    ).toBe('returned 1 of 2 entities');
  });
});
