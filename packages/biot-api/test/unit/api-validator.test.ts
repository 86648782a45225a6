import { beforeAll, describe, expect, it } from 'vitest';
import { ApiValidator } from '../../src/validate/api-validator.js';

const PATIENTS = '/organization/v1/users/patients';
let validator: ApiValidator;

function check(
  method: string,
  path: string,
  options: { query?: Record<string, string>; body?: unknown } = {},
) {
  const verdict = validator.checkRequest({
    method,
    path,
    query: new URLSearchParams(options.query),
    body:
      options.body === undefined
        ? ''
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  return verdict.kind === 'checked' ? verdict.problems : 'unknown';
}

describe("the validator of BioT's files", () => {
  beforeAll(async () => {
    validator = await ApiValidator.load();
  });

  it('accepts a search BioT accepts', () => {
    expect(
      check('GET', PATIENTS, {
        query: { searchRequest: JSON.stringify({ filter: { _id: { eq: 'x' } }, limit: 5 }) },
      }),
    ).toEqual([]);
  });

  it('names a searchRequest that is not JSON', () => {
    expect(check('GET', PATIENTS, { query: { searchRequest: '{oops' } })).toEqual([
      'query parameter searchRequest is not JSON',
    ]);
  });

  it('names a search limit below 1', () => {
    expect(check('GET', PATIENTS, { query: { searchRequest: JSON.stringify({ limit: 0 }) } })).toEqual([
      'query parameter searchRequest.limit must be >= 1',
    ]);
  });

  it('refuses a login without its secret key', () => {
    expect(
      check('POST', '/ums/v2/services/accessToken', { body: { id: '00000000-0000-4000-8000-000000000001' } }),
    ).toEqual(['body.secretKey is required']);
  });

  it('refuses a body that is not JSON and a missing required body', () => {
    expect(check('POST', '/ums/v2/services/accessToken', { body: 'id=svc' })).toEqual(['body is not JSON']);
    expect(check('POST', '/ums/v2/services/accessToken')).toEqual(['body is required']);
  });

  it('checks a body against the enums of its schema', () => {
    const problems = check('PATCH', `${PATIENTS}/p-1`, { body: { _gender: 'OTHER' } });
    expect(problems).toEqual([
      'path parameter id must match format "uuid"',
      'body._gender must be one of MALE, FEMALE, UNDISCLOSED',
    ]);
  });

  it('keeps a template attribute BioT does not list', () => {
    expect(
      check('PATCH', '/device/v2/devices/d-1', { body: { firstSeenAt: '2026-01-01T00:00:00Z' } }),
    ).toEqual([]);
  });

  it('prefers a literal segment to a path parameter', () => {
    const verdict = validator.checkRequest({
      method: 'POST',
      path: '/ums/v2/services/accessToken',
      query: new URLSearchParams(),
      body: '{}',
    });
    expect(verdict.kind === 'checked' && verdict.operation.path).toBe('/ums/v2/services/accessToken');
  });

  it('accepts any string for a format it is told to leave unchecked', async () => {
    const lenient = await ApiValidator.load({ unchecked: ['uuid'] });
    const verdict = lenient.checkRequest({
      method: 'GET',
      path: `${PATIENTS}/p-1`,
      query: new URLSearchParams(),
      body: '',
    });
    expect(verdict.kind === 'checked' && verdict.problems).toEqual([]);
  });

  it('knows no API BioT does not serve', () => {
    expect(check('GET', '/device/v1/devices')).toBe('unknown');
    expect(check('PUT', `${PATIENTS}/p-1`)).toBe('unknown');
  });

  it('checks an answer against the declared schema and an error against BioT error body', () => {
    const match = validator.operations.match('POST', '/ums/v2/services/accessToken');
    if (match === undefined) throw new Error('login not found');
    expect(
      validator.checkResponse(match.operation, 200, {
        accessToken: 't',
        accessTokenExpiration: '2026-01-01T00:00:00Z',
      }),
    ).toEqual([]);
    expect(validator.checkResponse(match.operation, 200, { accessToken: 5 })).not.toEqual([]);
    expect(validator.checkResponse(match.operation, 418, { code: 'X', message: 'm', details: {} })).toEqual(
      [],
    );
    expect(validator.checkResponse(match.operation, 418, { code: 7 })).toEqual([
      'answer.code must be string',
    ]);
  });
});
