import { type PluginTest, startPluginTest } from '@biot-plugin/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { plugin } from '../src/plugin.js';

const patients = [
  { _id: 'p-1', _enabled: 'ENABLED' },
  { _id: 'p-2', _enabled: 'DISABLED' },
  { _id: 'p-3', _enabled: 'ENABLED' },
];

let kit: PluginTest;
beforeAll(async () => {
  kit = await startPluginTest(plugin, { entities: { patients } });
});
beforeEach(() => kit.reset());
afterAll(() => kit.close());

describe('the example scheduled hook', () => {
  it('counts the enabled patients', async () => {
    const answer = await kit.scheduled();

    expect(answer.status).toBe(200);
    expect(answer.result).toEqual({ enabledPatients: 2 });
  });

  it('asks BioT for enabled patients only, one per page, and reads the total', async () => {
    await kit.scheduled();

    expect(kit.biot.calls('GET /organization/v1/users/patients').map((call) => call.searchRequest)).toEqual([
      { filter: { _enabled: { eq: 'ENABLED' } }, limit: 1 },
    ]);
  });

  it('runs only when AWS invokes it, never through the Function URL', async () => {
    const answer = await kit.scheduled({}, { via: 'url' });

    expect(answer.status).toBe(403);
    expect(answer.error?.code).toBe('SCHEDULED_VIA_URL_DISABLED');
    expect(kit.biot.calls('GET /organization/v1/users/patients')).toEqual([]);
  });
});
