import { type PluginTest, startPluginTest } from '@biot-plugin/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plugin } from '../src/plugin.js';

const PATIENTS = '/organization/v1/users/patients';
const BEN = { _id: 'p-1', _name: { firstName: 'ben', lastName: 'rose' }, _email: 'ben@example.com' };
const PAGE = { page: { totalResults: 1, page: 0, limit: 30 } };

let kit: PluginTest;
beforeAll(async () => {
  kit = await startPluginTest(plugin);
});
afterAll(() => kit.close());

describe('the example POST_REQUEST hook', () => {
  it('capitalises names in search results and keeps the rest of the response', async () => {
    const answer = await kit.postRequest({
      method: 'GET',
      path: PATIENTS,
      response: { statusCode: 200, body: { data: [BEN], metadata: PAGE } },
    });

    expect(answer.response).toEqual({
      statusCode: 200,
      body: { data: [{ ...BEN, _name: { firstName: 'Ben', lastName: 'Rose' } }], metadata: PAGE },
    });
  });

  it('capitalises the name of a single patient', async () => {
    const answer = await kit.postRequest({
      method: 'GET',
      path: `${PATIENTS}/{id}`,
      pathVariables: { id: 'p-1' },
      response: { statusCode: 200, body: BEN },
    });

    expect(answer.response?.body).toEqual({ ...BEN, _name: { firstName: 'Ben', lastName: 'Rose' } });
  });

  it('leaves names that are missing or empty as they are', async () => {
    const nameless = [{ _id: 'p-2', _name: { firstName: '', lastName: null } }, { _id: 'p-3' }];

    const answer = await kit.postRequest({
      method: 'GET',
      path: PATIENTS,
      response: { statusCode: 200, body: { data: nameless } },
    });

    expect(answer.response?.body).toEqual({ data: nameless });
  });

  it('leaves a response without a body alone', async () => {
    const answer = await kit.postRequest({ method: 'GET', path: PATIENTS, response: { statusCode: 204 } });

    expect(answer.response).toEqual({ statusCode: 204 });
  });
});
