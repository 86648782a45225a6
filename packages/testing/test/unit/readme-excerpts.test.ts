import { definePlugin } from '@biot-plugin/runtime';
import { type PluginTest, startPluginTest } from '@biot-plugin/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/*
 * The tests the README quotes as excerpts ("When BioT fails", "Logs"), with plugins of their own,
 * so the kit's documentation holds whatever plugins the repository ships.
 */

const DEVICES = '/device/v2/devices';
const PATIENTS = '/organization/v1/users/patients';
const NEW_PUMP = { _id: 'pump-1', _caption: 'Ward 3 pump' };
const PATCH_DEVICE = 'PATCH /device/v2/devices/{id}';
const DANA = { _id: 'p-1', _name: { firstName: 'Dana', lastName: 'Levi' }, _enabled: 'ENABLED' };

/** Stamps each new device, as a plugin under test would. */
const stamping = definePlugin({
  name: 'stamping',
  hooks: {
    notification: async (event, { biot }) => {
      const deviceId = event.body.data.entity?._id;
      if (deviceId !== undefined) await biot.patchEntity(DEVICES, deviceId, { firstSeenAt: 'now' });
    },
  },
  subscriptions: { notifications: [{ entityTypeName: 'device', actionName: '_create' }] },
});

/** Re-reads a changed patient and logs its id and state, never its name. */
const patientLog = definePlugin({
  name: 'patient-log',
  hooks: {
    notification: async (event, { biot, logger }) => {
      const patientId = event.body.data.entity?._id;
      if (patientId === undefined) return;
      const patient = await biot.getEntity(PATIENTS, patientId);
      logger.info('Patient changed', { patientId: patient._id, enabled: patient._enabled });
    },
  },
  subscriptions: { notifications: [{ entityTypeName: 'patient', actionName: '_update' }] },
});

describe('a plugin whose BioT call fails', () => {
  let kit: PluginTest;
  beforeAll(async () => {
    kit = await startPluginTest(stamping, { entities: { devices: [NEW_PUMP] } });
  });
  beforeEach(() => kit.reset());
  afterAll(() => kit.close());

  it('answers 502 BIOT_API_ERROR when BioT refuses the stamp', async () => {
    kit.emulator.injectFault({ route: PATCH_DEVICE, status: 500 });

    const answer = await kit.notification({
      entityTypeName: 'device',
      actionName: '_create',
      entityId: 'pump-1',
    });

    expect(answer.status).toBe(502);
    expect(answer.error).toMatchObject({
      code: 'BIOT_API_ERROR',
      details: { upstreamStatus: 500, route: PATCH_DEVICE },
    });
    expect(kit.biot.entity('device', 'pump-1')).toEqual(NEW_PUMP);
  });
});

describe('a plugin’s log lines', () => {
  let kit: PluginTest;
  beforeAll(async () => {
    kit = await startPluginTest(patientLog, { entities: { patients: [DANA] }, logLevel: 'INFO' });
  });
  beforeEach(() => kit.reset());
  afterAll(() => kit.close());

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
});
