import { block, definePlugin } from '@biot-plugin/runtime';
import { type PluginTest, startPluginTest } from '@biot-plugin/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const DEVICES = '/device/v2/devices';

// A plugin's tests import its definition: `import { plugin } from '../src/plugin.js'`.
const plugin = definePlugin({
  name: 'pump-inspection',
  hooks: {
    // A new pump waits for its inspection.
    notification: async (event, { biot }) => {
      const deviceId = event.body.data.entity?._id;
      if (deviceId !== undefined) await biot.patchEntity(DEVICES, deviceId, { inspection: 'PENDING' });
    },
    // Nobody changes a pump that is waiting for its inspection.
    preRequest: async (event, { biot }) => {
      const deviceId = event.body.request.path.split('/').at(-1) ?? '';
      const device = await biot.getEntity(DEVICES, deviceId);
      if (device.inspection === 'PENDING') return block(409, 'INSPECTION_PENDING', 'Inspect the pump first');
      return event.body.request;
    },
  },
  subscriptions: {
    notifications: [{ entityTypeName: 'device', actionName: '_create' }],
    interceptions: [{ type: 'PRE_REQUEST', apiId: 'PATCH/device/v2/devices/{id}' }],
  },
});

let kit: PluginTest;
beforeAll(async () => {
  kit = await startPluginTest(plugin, { entities: { devices: [{ _id: 'pump-7', _caption: 'Ward 7' }] } });
});
beforeEach(() => kit.reset());
afterAll(() => kit.close());

describe('the pump-inspection plugin', () => {
  it('marks a new pump as waiting for its inspection', async () => {
    const answer = await kit.notification({
      entityTypeName: 'device',
      actionName: '_create',
      entityId: 'pump-7',
    });

    expect(answer.status).toBe(200);
    expect(kit.biot.calls('PATCH /device/v2/devices/{id}').map((call) => call.body)).toEqual([
      { inspection: 'PENDING' },
    ]);
    expect(kit.biot.entity('device', 'pump-7')).toMatchObject({ inspection: 'PENDING' });
  });

  it('blocks changes to a pump that waits for its inspection', async () => {
    await kit.notification({ entityTypeName: 'device', actionName: '_create', entityId: 'pump-7' });

    const answer = await kit.preRequest({
      method: 'PATCH',
      path: '/device/v2/devices/{id}',
      pathVariables: { id: 'pump-7' },
      body: { _caption: 'Ward 8' },
    });

    expect(answer.blocked).toBe(true);
    expect(answer.error?.code).toBe('INSPECTION_PENDING');
  });

  it('lets changes to an inspected pump through unchanged', async () => {
    const answer = await kit.preRequest({
      method: 'PATCH',
      path: '/device/v2/devices/{id}',
      pathVariables: { id: 'pump-7' },
      body: { _caption: 'Ward 8' },
    });

    expect(answer.blocked).toBe(false);
    expect(answer.request?.body).toEqual({ _caption: 'Ward 8' });
  });
});
