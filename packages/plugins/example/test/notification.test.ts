import { type PluginTest, startPluginTest } from '@biot-plugin/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { plugin } from '../src/plugin.js';

const DANA = { _id: 'p-1', _name: { firstName: 'Dana', lastName: 'Levi' }, _enabled: 'ENABLED' };

let kit: PluginTest;
beforeAll(async () => {
  kit = await startPluginTest(plugin, { entities: { patients: [DANA] }, logLevel: 'INFO' });
});
beforeEach(() => kit.reset());
afterAll(() => kit.close());

describe('the example notification hook', () => {
  it.each(['_create', '_update'])('re-reads a patient after %s through BioT', async (actionName) => {
    const answer = await kit.notification({ entityTypeName: 'patient', actionName, entityId: 'p-1' });

    expect(answer.status).toBe(200);
    expect(kit.biot.calls('GET /organization/v1/users/patients/{id}')).toMatchObject([
      { path: '/organization/v1/users/patients/p-1', status: 200 },
    ]);
  });

  it("logs the patient's id and state as BioT has them now, never the name", async () => {
    const answer = await kit.notification({
      entityTypeName: 'patient',
      actionName: '_update',
      entityId: 'p-1',
    });

    expect(answer.logs).toContainEqual(
      expect.objectContaining({ message: 'Patient changed', patientId: 'p-1', enabled: 'ENABLED' }),
    );
    expect(JSON.stringify(answer.logs)).not.toContain('Dana');
  });

  it('leaves a deleted patient alone', async () => {
    const answer = await kit.notification({
      entityTypeName: 'patient',
      actionName: '_delete',
      entityId: 'p-1',
    });

    expect(answer.status).toBe(200);
    expect(kit.biot.calls('GET /organization/v1/users/patients/{id}')).toEqual([]);
  });

  it('ignores entities that are not patients', async () => {
    await kit.notification({ entityTypeName: 'device', actionName: '_create', entity: { _id: 'pump-1' } });

    expect(kit.biot.calls('GET /organization/v1/users/patients/{id}')).toEqual([]);
  });

  it('answers 502 BIOT_API_ERROR when BioT no longer has the patient', async () => {
    const answer = await kit.notification({
      entityTypeName: 'patient',
      actionName: '_update',
      entity: { _id: 'p-gone' },
    });

    expect(answer.status).toBe(502);
    expect(answer.error).toMatchObject({ code: 'BIOT_API_ERROR', details: { upstreamStatus: 404 } });
  });
});
