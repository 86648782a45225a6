import { definePlugin } from '@biot-plugin/runtime';
import {
  type PluginTest,
  PluginTestUsageError,
  seedDevices,
  seedPatients,
  startPluginTest,
} from '@biot-plugin/testing';
import { afterEach, describe, expect, it } from 'vitest';

/** Reads the notified device through BioT and patches it: enough to see what BioT holds. */
const deviceReader = definePlugin({
  name: 'device-reader',
  hooks: {
    notification: async (event, { biot }) => {
      const id = event.body.data.entity?._id ?? '';
      const device = await biot.getEntity('/device/v2/devices', id);
      await biot.patchEntity('/device/v2/devices', id, { seenBy: 'device-reader', caption: device._caption });
    },
  },
  subscriptions: { notifications: [{ entityTypeName: 'device', actionName: '_create' }] },
});

const PUMP = { _id: 'd-1', _caption: 'Pump one', _template: { name: 'Infusion-Pump' } };

let kit: PluginTest | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

describe('startPluginTest', () => {
  it('seeds BioT with the named entities and no others', async () => {
    kit = await startPluginTest(deviceReader, { entities: { devices: [PUMP] } });

    expect(kit.biot.devices()).toEqual([PUMP]);
    expect(kit.biot.patients()).toEqual([]);
  });

  it("seeds the emulator's patients and devices when the test names none", async () => {
    kit = await startPluginTest(deviceReader);

    expect(kit.biot.patients()).toEqual(seedPatients());
    expect(kit.biot.devices()).toEqual(seedDevices());
  });

  it('creates a service user for the plugin and configures the handler like a deployment', async () => {
    kit = await startPluginTest(deviceReader);

    expect(kit.emulator.serviceUser(kit.serviceUser.id)?.active).toBe(true);
    expect(kit.env).toEqual({
      BIOT_BASE_URL: kit.emulator.url,
      BIOT_SERVICE_USER_ID: kit.serviceUser.id,
      BIOT_SERVICE_USER_SECRET_KEY: kit.serviceUser.secretKey,
      BIOT_APP_NAME: 'device-reader',
      BIOT_SERVICE_ENVIRONMENT: 'test',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
    });
  });

  it('lets a hook log in as the service user and read a named entity through BioT', async () => {
    kit = await startPluginTest(deviceReader, { entities: { devices: [PUMP] } });

    const answer = await kit.notification({
      entityTypeName: 'device',
      actionName: '_create',
      entityId: 'd-1',
    });

    expect(answer.status).toBe(200);
    expect(kit.biot.calls('POST /ums/v2/services/accessToken').map((call) => call.status)).toEqual([200]);
    expect(kit.biot.entity('device', 'd-1')).toMatchObject({ seenBy: 'device-reader', caption: 'Pump one' });
  });

  it("adds the test's variables to the handler's environment, and removes those set to undefined", async () => {
    kit = await startPluginTest(deviceReader, {
      entities: { devices: [PUMP] },
      env: { BIOT_SERVICE_ENVIRONMENT: 'ci', BIOT_SERVICE_USER_SECRET_KEY: undefined },
    });

    const answer = await kit.notification({
      entityTypeName: 'device',
      actionName: '_create',
      entityId: 'd-1',
    });

    expect(kit.env).not.toHaveProperty('BIOT_SERVICE_USER_SECRET_KEY');
    expect(answer.status).toBe(500);
    expect(answer.error).toMatchObject({ code: 'PLUGIN_MISCONFIGURED', environment: 'ci' });
  });

  it('refuses an entity without an _id before starting anything', async () => {
    const devices = [{ _id: '' }];

    await expect(startPluginTest(deviceReader, { entities: { devices } })).rejects.toThrow(
      PluginTestUsageError,
    );
  });
});

describe('reset', () => {
  it('restores the named entities and forgets the calls BioT received', async () => {
    kit = await startPluginTest(deviceReader, { entities: { devices: [PUMP] } });
    await kit.notification({ entityTypeName: 'device', actionName: '_create', entityId: 'd-1' });

    kit.reset();

    expect(kit.biot.devices()).toEqual([PUMP]);
    expect(kit.biot.calls()).toEqual([]);
  });

  it('starts a cold container: the next event fetches BioT’s key and logs in again', async () => {
    kit = await startPluginTest(deviceReader, { entities: { devices: [PUMP] } });
    await kit.notification({ entityTypeName: 'device', actionName: '_create', entityId: 'd-1' });
    kit.reset();

    await kit.notification({ entityTypeName: 'device', actionName: '_create', entityId: 'd-1' });

    expect(kit.biot.calls().map((call) => call.route)).toEqual([
      'GET /ums/v1/security/public-key',
      'POST /ums/v2/services/accessToken',
      'GET /device/v2/devices/{id}',
      'PATCH /device/v2/devices/{id}',
    ]);
  });
});
