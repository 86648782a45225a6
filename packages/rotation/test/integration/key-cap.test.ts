import { randomUUID } from 'node:crypto';
import { describeWithMoto } from '@biot-plugin/test-support/moto';
import { afterEach, expect, it } from 'vitest';
import { UmsClient } from '../../src/biot/ums-client.js';
import { STAGE } from '../../src/secrets/secret-store.js';
import { type RotationRig, startRotationRig, type TestPlugin } from '../support/rotation-rig.js';

/** A key the plugin does not use: what a crashed or refused attempt leaves in BioT. */
async function addLeftoverKey(plugin: TestPlugin): Promise<string> {
  const token = await plugin.ums.login({ id: plugin.serviceUserId, secretKey: plugin.firstKey.secretKey });
  return (await plugin.ums.createSecretKey(plugin.serviceUserId, token)).id;
}

async function keyIdAt(plugin: TestPlugin, stage: 'AWSCURRENT' | 'AWSPREVIOUS'): Promise<string> {
  return JSON.parse((await plugin.store.readValue({ stage })) as string).keyId;
}

describeWithMoto("BioT's cap on secret keys (409 MAX_SECRET_KEYS)", () => {
  let rig: RotationRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('at the cap, removes the keys that are neither current nor previous, oldest first, then rotates', async () => {
    rig = await startRotationRig({ maxSecretKeys: 4 });
    const plugin = await rig.newPlugin();
    await plugin.rotateOnce();
    const [current, previous] = [await keyIdAt(plugin, STAGE.current), await keyIdAt(plugin, STAGE.previous)];
    const older = await addLeftoverKey(plugin);
    const newer = await addLeftoverKey(plugin);
    expect(plugin.biotKeyIds()).toHaveLength(4);
    const seen = rig.emulator.requests.length;

    await plugin.step('createSecret', randomUUID());

    const deleted = rig.emulator.requests
      .slice(seen)
      .filter((request) => request.method === 'DELETE')
      .map((request) => request.path.split('/').pop());
    expect(deleted).toEqual([older, newer]);
    expect(plugin.biotKeyIds()).toEqual([previous, current, expect.any(String)]);
  });

  it('with a cap of two, gives up the previous key early and never the current one', async () => {
    rig = await startRotationRig({ maxSecretKeys: 2 });
    const plugin = await rig.newPlugin();
    await plugin.rotateOnce();
    const [current, previous] = [await keyIdAt(plugin, STAGE.current), await keyIdAt(plugin, STAGE.previous)];
    expect(plugin.biotKeyIds().sort()).toEqual([current, previous].sort());
    const versionId = randomUUID();

    await plugin.step('createSecret', versionId);

    expect(plugin.biotKeyIds()).not.toContain(previous);
    expect(plugin.biotKeyIds()).toContain(current);
    for (const step of ['setSecret', 'testSecret', 'finishSecret'] as const)
      await plugin.step(step, versionId);
    expect(await keyIdAt(plugin, STAGE.previous)).toBe(current);
    expect(plugin.biotKeyIds()).toHaveLength(2);
  });

  it('fails with MAX_SECRET_KEYS and changes nothing when BioT allows a single key', async () => {
    rig = await startRotationRig({ maxSecretKeys: 1 });
    const plugin = await rig.newPlugin();
    const before = await plugin.stages();

    await expect(plugin.step('createSecret', randomUUID())).rejects.toMatchObject({
      code: 'MAX_SECRET_KEYS',
    });

    expect(await plugin.stages()).toEqual(before);
    expect(plugin.biotKeyIds()).toEqual([plugin.firstKey.keyId]);
    await expect(
      new UmsClient({ baseUrl: rig.emulator.url }).login({
        id: plugin.serviceUserId,
        secretKey: plugin.firstKey.secretKey,
      }),
    ).resolves.toBeTruthy();
  });
});
