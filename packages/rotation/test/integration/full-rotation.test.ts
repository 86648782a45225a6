import { randomUUID } from 'node:crypto';
import { describeWithMoto } from '@biot-plugin/test-support/moto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROTATION_FAILURE_TAG } from '../../src/rotation/rotation-failure.js';
import { ROTATION_STEPS } from '../../src/rotation/rotation-step.js';
import { STAGE } from '../../src/secrets/secret-store.js';
import { type RotationRig, startRotationRig } from '../support/rotation-rig.js';

describeWithMoto('a rotation, end to end (moto + BioT emulator)', () => {
  let rig: RotationRig;
  beforeAll(async () => {
    rig = await startRotationRig();
  });
  afterAll(() => rig?.close());

  it('creates a BioT key, promotes it to AWSCURRENT and keeps the previous key valid', async () => {
    const plugin = await rig.newPlugin();
    const before = await plugin.stages();

    const versionId = await plugin.rotateOnce();

    const after = await plugin.stages();
    expect(after).toEqual({ current: versionId, previous: before.current });
    const current = JSON.parse((await plugin.store.readValue({ stage: STAGE.current })) as string);
    expect(Object.keys(current).sort()).toEqual(['keyId', 'secretKey']);
    expect(plugin.biotKeyIds()).toEqual([plugin.firstKey.keyId, current.keyId]);
    // Both keys log in: warm containers still holding the old one keep working.
    await expect(
      plugin.ums.login({ id: plugin.serviceUserId, secretKey: current.secretKey }),
    ).resolves.toBeTruthy();
    await expect(
      plugin.ums.login({ id: plugin.serviceUserId, secretKey: plugin.firstKey.secretKey }),
    ).resolves.toBeTruthy();
    expect((await plugin.store.describe()).tags.has(ROTATION_FAILURE_TAG)).toBe(false);
  });

  it('leaves exactly the current and previous keys alive in BioT after three rotations in a row', async () => {
    const plugin = await rig.newPlugin();

    for (let round = 0; round < 3; round += 1) await plugin.rotateOnce();

    const current = JSON.parse((await plugin.store.readValue({ stage: STAGE.current })) as string);
    const previous = JSON.parse((await plugin.store.readValue({ stage: STAGE.previous })) as string);
    expect(plugin.biotKeyIds().sort()).toEqual([current.keyId, previous.keyId].sort());
    await expect(
      plugin.ums.login({ id: plugin.serviceUserId, secretKey: plugin.firstKey.secretKey }),
    ).rejects.toMatchObject({ upstreamStatus: 403, upstreamCode: 'LOGIN_FAILED' });
  });

  it('keeps AWSCURRENT and AWSPREVIOUS on the last two versions and no AWSPENDING anywhere', async () => {
    const plugin = await rig.newPlugin();
    const first = await plugin.rotateOnce();

    const second = await plugin.rotateOnce();

    expect(await plugin.stages()).toEqual({ current: second, previous: first });
  });

  it("rotates when AWSPREVIOUS's key is already gone from BioT", async () => {
    const plugin = await rig.newPlugin();
    await plugin.rotateOnce();
    const current = JSON.parse((await plugin.store.readValue({ stage: STAGE.current })) as string);
    const token = await plugin.ums.login({ id: plugin.serviceUserId, secretKey: current.secretKey });
    await plugin.ums.deleteSecretKey(plugin.serviceUserId, plugin.firstKey.keyId, token);

    const versionId = await plugin.rotateOnce();

    expect((await plugin.stages()).current).toBe(versionId);
    expect(plugin.biotKeyIds()).toHaveLength(2);
  });

  it('runs as the Lambda entry point, configured from the environment', async () => {
    const plugin = await rig.newPlugin();
    Object.assign(process.env, rig.moto.env(), {
      BIOT_BASE_URL: rig.emulator.url,
      BIOT_SERVICE_USER_ID: plugin.serviceUserId,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    const { handler } = await import('../../src/handler.js');
    const versionId = randomUUID();

    for (const step of ROTATION_STEPS) {
      await handler({ Step: step, SecretId: plugin.secretArn, ClientRequestToken: versionId });
    }

    expect((await plugin.stages()).current).toBe(versionId);
    expect(plugin.biotKeyIds()).toHaveLength(2);
  });
});
