import { type PluginTest, startPluginTest } from '@biot-plugin/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { plugin } from '../src/plugin.js';

const NEW_PUMP = { _id: 'pump-1', _caption: 'Ward 3 pump' };
const OLD_PUMP = { _id: 'pump-2', _caption: 'Spare pump', firstSeenAt: '2024-01-01T00:00:00.000Z' };
const PATCH_DEVICE = 'PATCH /device/v2/devices/{id}';

let kit: PluginTest;
beforeAll(async () => {
  kit = await startPluginTest(plugin, { entities: { devices: [NEW_PUMP, OLD_PUMP] } });
});
beforeEach(() => kit.reset());
afterAll(() => kit.close());

describe('the device-stamp notification hook', () => {
  it('stamps a new device with the time BioT created it', async () => {
    const answer = await kit.notification({
      entityTypeName: 'device',
      actionName: '_create',
      entityId: 'pump-1',
      startTime: '2025-11-03T10:00:00.123456789Z',
    });

    expect(answer.status).toBe(200);
    expect(kit.biot.calls(PATCH_DEVICE)).toMatchObject([
      { path: '/device/v2/devices/pump-1', body: { firstSeenAt: '2025-11-03T10:00:00.123Z' }, status: 200 },
    ]);
    expect(kit.biot.entity('device', 'pump-1')).toMatchObject({ firstSeenAt: '2025-11-03T10:00:00.123Z' });
  });

  it('stamps the current time when BioT sent no readable time', async () => {
    const before = Date.now();

    await kit.notification({
      entityTypeName: 'device',
      actionName: '_create',
      entityId: 'pump-1',
      startTime: 'soon',
    });

    const stamp = Date.parse(String(kit.biot.entity('device', 'pump-1')?.firstSeenAt));
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(Date.now());
  });

  it('keeps the stamp of a device that already has one', async () => {
    const answer = await kit.notification({
      entityTypeName: 'device',
      actionName: '_create',
      entityId: 'pump-2',
    });

    expect(answer.status).toBe(200);
    expect(kit.biot.calls(PATCH_DEVICE)).toEqual([]);
    expect(kit.biot.entity('device', 'pump-2')).toEqual(OLD_PUMP);
  });

  it.each([
    ['device', '_update'],
    ['patient', '_create'],
  ])('ignores a %s %s notification', async (entityTypeName, actionName) => {
    const answer = await kit.notification({ entityTypeName, actionName, entity: NEW_PUMP });

    expect(answer.status).toBe(200);
    expect(kit.biot.calls('GET /device/v2/devices/{id}')).toEqual([]);
    expect(kit.biot.calls(PATCH_DEVICE)).toEqual([]);
  });

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

  it('answers 502 BIOT_API_ERROR when BioT does not know the device', async () => {
    const answer = await kit.notification({
      entityTypeName: 'device',
      actionName: '_create',
      entity: { _id: 'pump-unknown' },
    });

    expect(answer.status).toBe(502);
    expect(answer.error).toMatchObject({ code: 'BIOT_API_ERROR', details: { upstreamStatus: 404 } });
  });
});
