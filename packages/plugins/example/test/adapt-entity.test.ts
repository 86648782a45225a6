import { type PluginTest, startPluginTest } from '@biot-plugin/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plugin } from '../src/plugin.js';

let kit: PluginTest;
beforeAll(async () => {
  kit = await startPluginTest(plugin);
});
afterAll(() => kit.close());

describe('the example ADAPT_ENTITY hook', () => {
  it('masks national ids to their last four characters', async () => {
    const answer = await kit.adaptEntity({
      entityName: 'patient',
      entities: [{ _id: 'p-1', _nationalId: '1231152352', _email: 'ben@example.com' }],
    });

    expect(answer.response?.entities).toEqual([
      { _id: 'p-1', _nationalId: '******2352', _email: 'ben@example.com' },
    ]);
  });

  it('leaves entities without a longer national id as they are', async () => {
    const entities = [{ _id: 'p-2' }, { _id: 'p-3', _nationalId: '1234' }, { _id: 'p-4', _nationalId: null }];

    const answer = await kit.adaptEntity({ entityName: 'patient', entities });

    expect(answer.response).toEqual({ statusCode: 200, entities });
  });
});
