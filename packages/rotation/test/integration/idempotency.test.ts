import { randomUUID } from 'node:crypto';
import { describeWithMoto } from '@biot-plugin/test-support/moto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STAGE } from '../../src/secrets/secret-store.js';
import { faultyClient } from '../support/faulty-client.js';
import { type RotationRig, startRotationRig } from '../support/rotation-rig.js';

describeWithMoto('each step retried with the same ClientRequestToken', () => {
  let rig: RotationRig;
  beforeAll(async () => {
    rig = await startRotationRig();
  });
  afterAll(() => rig?.close());

  it('a retried createSecret keeps the stored key and creates no second one', async () => {
    const plugin = await rig.newPlugin();
    const versionId = randomUUID();
    await plugin.step('createSecret', versionId);
    const stored = await plugin.store.readValue({ stage: STAGE.pending, versionId });
    const keys = plugin.biotKeyIds();

    await plugin.step('createSecret', versionId);

    expect(await plugin.store.readValue({ stage: STAGE.pending, versionId })).toBe(stored);
    expect(plugin.biotKeyIds()).toEqual(keys);
    expect(keys).toHaveLength(2);
  });

  it('a createSecret retried after BioT created the key deletes that lost key before creating its replacement', async () => {
    // The first attempt is cut off while storing the key: BioT has created it, its value is gone.
    const crashing = await rig.newPlugin({
      secretsManager: faultyClient(rig.moto, { command: 'PutSecretValueCommand', effect: 'hang' }),
    });
    const versionId = randomUUID();
    const cutOff = new Promise((_, reject) => setTimeout(() => reject(new Error('Task timed out')), 500));
    await expect(Promise.race([crashing.step('createSecret', versionId), cutOff])).rejects.toThrow(
      'timed out',
    );
    const [, lostKeyId] = crashing.biotKeyIds();
    expect(lostKeyId).toBeDefined();

    await crashing.step('createSecret', versionId);

    const pending = JSON.parse(
      (await crashing.store.readValue({ stage: STAGE.pending, versionId })) as string,
    );
    expect(crashing.biotKeyIds()).toEqual([crashing.firstKey.keyId, pending.keyId]);
    expect(pending.keyId).not.toBe(lostKeyId);
  });

  it('a createSecret whose value cannot be stored deletes the new key again', async () => {
    const plugin = await rig.newPlugin({
      secretsManager: faultyClient(rig.moto, { command: 'PutSecretValueCommand', effect: 'fail' }),
    });
    const versionId = randomUUID();

    await expect(plugin.step('createSecret', versionId)).rejects.toThrow('PutSecretValueCommand failed');

    expect(plugin.biotKeyIds()).toEqual([plugin.firstKey.keyId]);
    expect(await plugin.stages()).not.toHaveProperty('pending');
  });

  it('a retried setSecret changes nothing', async () => {
    const plugin = await rig.newPlugin();
    const versionId = randomUUID();
    await plugin.step('createSecret', versionId);
    await plugin.step('setSecret', versionId);
    const stages = await plugin.stages();

    await plugin.step('setSecret', versionId);

    expect(await plugin.stages()).toEqual(stages);
    expect(plugin.biotKeyIds()).toHaveLength(2);
  });

  it('a retried testSecret logs in again and changes nothing', async () => {
    const plugin = await rig.newPlugin();
    const versionId = randomUUID();
    for (const step of ['createSecret', 'setSecret', 'testSecret'] as const)
      await plugin.step(step, versionId);
    const keys = plugin.biotKeyIds();

    await plugin.step('testSecret', versionId);

    expect(plugin.biotKeyIds()).toEqual(keys);
    expect((await plugin.stages()).pending).toBe(versionId);
  });

  it('a testSecret that failed on a BioT outage succeeds when retried, with the same key', async () => {
    const plugin = await rig.newPlugin();
    const versionId = randomUUID();
    await plugin.step('createSecret', versionId);
    const pending = await plugin.store.readValue({ stage: STAGE.pending, versionId });
    rig.emulator.injectFault({ route: 'POST /ums/v2/services/accessToken', status: 503, times: 3 });

    await expect(plugin.step('testSecret', versionId)).rejects.toMatchObject({ upstreamStatus: 503 });
    await plugin.step('testSecret', versionId);

    expect(await plugin.store.readValue({ stage: STAGE.pending, versionId })).toBe(pending);
    expect(plugin.biotKeyIds()).toHaveLength(2);
  });

  it('a finishSecret retried after the rotation finished changes nothing', async () => {
    const plugin = await rig.newPlugin();
    const versionId = await plugin.rotateOnce();
    const stages = await plugin.stages();
    const keys = plugin.biotKeyIds();

    await plugin.step('finishSecret', versionId);

    expect(await plugin.stages()).toEqual(stages);
    expect(plugin.biotKeyIds()).toEqual(keys);
  });

  it('a finishSecret retried after the stage move removes the AWSPENDING label left behind', async () => {
    const plugin = await rig.newPlugin();
    const versionId = randomUUID();
    for (const step of ['createSecret', 'setSecret', 'testSecret'] as const)
      await plugin.step(step, versionId);
    // The first attempt moved AWSCURRENT, then was cut off before removing AWSPENDING.
    const { current } = await plugin.stages();
    await plugin.store.moveCurrent(versionId, current as string);

    await plugin.step('finishSecret', versionId);

    expect(await plugin.stages()).toEqual({ current: versionId, previous: current });
  });

  it('steps repeated after the rotation finished do nothing', async () => {
    const plugin = await rig.newPlugin();
    const versionId = await plugin.rotateOnce();
    const stages = await plugin.stages();
    const keys = plugin.biotKeyIds();

    for (const step of ['createSecret', 'setSecret', 'testSecret'] as const)
      await plugin.step(step, versionId);

    expect(await plugin.stages()).toEqual(stages);
    expect(plugin.biotKeyIds()).toEqual(keys);
  });
});
