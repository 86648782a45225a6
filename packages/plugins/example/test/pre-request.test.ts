import { type PluginTest, startPluginTest } from '@biot-plugin/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plugin } from '../src/plugin.js';

const PATIENTS = '/organization/v1/users/patients';

let kit: PluginTest;
beforeAll(async () => {
  kit = await startPluginTest(plugin);
});
afterAll(() => kit.close());

/** The search request the hook let through, parsed. */
function searchRequestOf(request: { queryParameters: Record<string, string[]> } | undefined): unknown {
  return JSON.parse(request?.queryParameters.searchRequest?.[0] ?? 'null');
}

describe('the example PRE_REQUEST hook', () => {
  it('blocks deleting a patient with 403 ACCESS_DENIED', async () => {
    const answer = await kit.preRequest({
      method: 'DELETE',
      path: `${PATIENTS}/{id}`,
      pathVariables: { id: 'p-1' },
    });

    expect(answer.blocked).toBe(true);
    expect(answer.status).toBe(403);
    expect(answer.error).toMatchObject({
      code: 'ACCESS_DENIED',
      message: 'Deleting patients is disabled by the plugin',
      serviceName: 'example',
    });
  });

  it('lets deletes of other entities through', async () => {
    const answer = await kit.preRequest({
      method: 'DELETE',
      path: '/device/v2/devices/{id}',
      pathVariables: { id: 'pump-1' },
    });

    expect(answer.blocked).toBe(false);
    expect(answer.request?.path).toBe('/device/v2/devices/pump-1');
  });

  it('caps the page size of a patient search at 50 and keeps the rest of the search', async () => {
    const filter = { _enabled: { eq: 'ENABLED' } };

    const answer = await kit.preRequest({
      method: 'GET',
      path: PATIENTS,
      searchRequest: { limit: 500, filter },
    });

    expect(searchRequestOf(answer.request)).toEqual({ limit: 50, filter });
  });

  it('passes a search within the cap through unchanged, headers included', async () => {
    const answer = await kit.preRequest({
      method: 'GET',
      path: PATIENTS,
      searchRequest: { limit: 30 },
      headers: { 'accept-language': 'he' },
    });

    expect(answer.request).toMatchObject({
      path: PATIENTS,
      queryParameters: { searchRequest: ['{"limit":30}'] },
      headers: { 'accept-language': 'he', authorization: expect.stringMatching(/^Bearer /) },
      body: null,
    });
  });

  it('keeps fields of the request it does not know', async () => {
    const request = {
      path: PATIENTS,
      queryParameters: { searchRequest: ['{"limit":10}'] },
      headers: { accept: '*/*' },
      body: null,
      addedByBiotTomorrow: { kept: true },
    };

    const answer = await kit.send('preRequest', {
      body: { method: 'GET', apiId: `GET${PATIENTS}`, request },
    });

    expect(answer.request).toEqual(request);
  });

  it('passes a searchRequest that is not JSON through unchanged', async () => {
    const answer = await kit.preRequest({ method: 'GET', path: PATIENTS, query: { searchRequest: '{oops' } });

    expect(answer.request?.queryParameters).toEqual({ searchRequest: ['{oops'] });
  });
});
