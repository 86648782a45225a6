import { randomUUID } from 'node:crypto';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describeWithMoto } from '@biot-plugin/test-support/moto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RotationConfigurationError } from '../../src/errors.js';
import { decodeRotationFailure, ROTATION_FAILURE_TAG } from '../../src/rotation/rotation-failure.js';
import { createRotationHandler } from '../../src/rotation/rotation-handler.js';
import { STAGE } from '../../src/secrets/secret-store.js';
import { createPluginSecret } from '../support/plugin-secret.js';
import { type RotationRig, SILENT_LOGGER, startRotationRig } from '../support/rotation-rig.js';

describeWithMoto('a failing rotation leaves AWSCURRENT untouched and BioT consistent', () => {
  let rig: RotationRig;
  beforeAll(async () => {
    rig = await startRotationRig();
  });
  afterAll(() => rig?.close());

  it("testSecret failing leaves AWSCURRENT and BioT's keys as they were", async () => {
    const plugin = await rig.newPlugin();
    const before = { stages: await plugin.stages(), keys: plugin.biotKeyIds() };
    const current = await plugin.store.readValue({ stage: STAGE.current });
    const versionId = randomUUID();
    await plugin.step('createSecret', versionId);
    await plugin.step('setSecret', versionId);
    rig.emulator.injectFault({ route: 'POST /ums/v2/services/accessToken', status: 403, times: 1 });

    await expect(plugin.step('testSecret', versionId)).rejects.toMatchObject({
      code: 'PENDING_KEY_REJECTED',
    });

    expect((await plugin.stages()).current).toBe(before.stages.current);
    expect(await plugin.store.readValue({ stage: STAGE.current })).toBe(current);
    expect(plugin.biotKeyIds()).toEqual(before.keys);
  });

  it('records a failed step on the secret, and the next successful rotation clears it', async () => {
    const plugin = await rig.newPlugin();
    const failedVersion = randomUUID();
    await plugin.step('createSecret', failedVersion);
    rig.emulator.injectFault({ route: 'POST /ums/v2/services/accessToken', status: 403, times: 1 });
    await expect(plugin.step('testSecret', failedVersion)).rejects.toThrow();

    const failure = decodeRotationFailure((await plugin.store.describe()).tags.get(ROTATION_FAILURE_TAG));
    expect(failure).toMatchObject({
      step: 'testSecret',
      versionId: failedVersion,
      code: 'PENDING_KEY_REJECTED',
    });

    await plugin.store.removeStage(STAGE.pending, failedVersion);
    await plugin.rotateOnce();
    expect((await plugin.store.describe()).tags.has(ROTATION_FAILURE_TAG)).toBe(false);
  });

  it("the rotation after a failed one deletes the failed attempt's key in BioT", async () => {
    const plugin = await rig.newPlugin();
    const failedVersion = randomUUID();
    await plugin.step('createSecret', failedVersion);
    rig.emulator.injectFault({ route: 'GET /ums/v2/services/{id}', status: 503, times: 3 });
    await expect(plugin.step('testSecret', failedVersion)).rejects.toMatchObject({ upstreamStatus: 503 });
    const failedKeyId = JSON.parse(
      (await plugin.store.readValue({ stage: STAGE.pending, versionId: failedVersion })) as string,
    ).keyId;
    expect(plugin.biotKeyIds()).toContain(failedKeyId);

    const versionId = await plugin.rotateOnce();

    expect((await plugin.stages()).current).toBe(versionId);
    expect(plugin.biotKeyIds()).not.toContain(failedKeyId);
    expect(plugin.biotKeyIds()).toHaveLength(2);
  });

  it('finishSecret failing before the stage move leaves AWSCURRENT where it was', async () => {
    const plugin = await rig.newPlugin();
    await plugin.rotateOnce();
    const before = await plugin.stages();
    const versionId = randomUUID();
    for (const step of ['createSecret', 'setSecret', 'testSecret'] as const)
      await plugin.step(step, versionId);
    rig.emulator.injectFault({
      route: 'DELETE /ums/v2/services/{id}/secret-keys/{keyId}',
      status: 500,
      times: 1,
    });

    await expect(plugin.step('finishSecret', versionId)).rejects.toMatchObject({ upstreamStatus: 500 });

    expect(await plugin.stages()).toEqual({ ...before, pending: versionId });
    await plugin.step('finishSecret', versionId);
    expect(await plugin.stages()).toEqual({ current: versionId, previous: before.current });
    expect(plugin.biotKeyIds()).toHaveLength(2);
  });

  it('refuses to rotate the placeholder the stack stores before ops set the key', async () => {
    const user = rig.emulator.addServiceUser({ id: randomUUID() });
    const { arn, store } = await createPluginSecret(rig.secretsManager);
    const rotate = createRotationHandler({
      secretsManager: rig.secretsManager,
      biot: { ums: (await rig.newPlugin()).ums, serviceUserId: user.id },
      logger: SILENT_LOGGER,
    });

    await expect(
      rotate({ Step: 'createSecret', SecretId: arn, ClientRequestToken: randomUUID() }),
    ).rejects.toMatchObject({
      code: 'SECRET_STATE',
      message: expect.stringContaining('pnpm ops secret-set'),
    });
    expect(rig.emulator.serviceUser(user.id)?.secretKeys).toHaveLength(1);
    expect((await store.describe()).tags.get(ROTATION_FAILURE_TAG)).toContain('SECRET_STATE');
  });

  it('deletes no key when the secret names a key id BioT does not list', async () => {
    const plugin = await rig.newPlugin();
    await plugin.store.putCurrent(
      JSON.stringify({ keyId: 'not-a-biot-key', secretKey: plugin.firstKey.secretKey }),
    );
    const keys = plugin.biotKeyIds();

    await expect(plugin.step('createSecret', randomUUID())).rejects.toMatchObject({
      code: 'KEY_NOT_IN_BIOT',
    });

    expect(plugin.biotKeyIds()).toEqual(keys);
  });

  it('says which key BioT refused when the current key no longer logs in', async () => {
    const plugin = await rig.newPlugin();
    await plugin.store.putCurrent(JSON.stringify({ keyId: plugin.firstKey.keyId, secretKey: 'wrong' }));

    await expect(plugin.step('createSecret', randomUUID())).rejects.toMatchObject({
      code: 'CURRENT_KEY_REJECTED',
      message: expect.stringContaining('403 LOGIN_FAILED'),
    });
    expect(plugin.biotKeyIds()).toEqual([plugin.firstKey.keyId]);
  });

  it('refuses setSecret, testSecret and finishSecret for a version that is not AWSPENDING', async () => {
    const plugin = await rig.newPlugin();

    for (const step of ['setSecret', 'testSecret', 'finishSecret'] as const) {
      await expect(plugin.step(step, randomUUID())).rejects.toMatchObject({ code: 'SECRET_STATE' });
    }
  });

  it('fails every step when BIOT_BASE_URL is missing, and records why on the secret', async () => {
    const { arn, store } = await createPluginSecret(rig.secretsManager);
    const rotate = createRotationHandler({
      secretsManager: new SecretsManagerClient(rig.moto.clientConfig()),
      biot: new RotationConfigurationError('The rotation function misses BIOT_BASE_URL'),
      logger: SILENT_LOGGER,
    });

    await expect(
      rotate({ Step: 'createSecret', SecretId: arn, ClientRequestToken: randomUUID() }),
    ).rejects.toThrow('misses BIOT_BASE_URL');
    expect((await store.describe()).tags.get(ROTATION_FAILURE_TAG)).toContain('ROTATION_MISCONFIGURED');
  });

  it('rejects an event that is not a rotation step', async () => {
    const plugin = await rig.newPlugin();

    await expect(
      plugin.rotate({ Step: 'rotateSecret' as never, SecretId: plugin.secretArn, ClientRequestToken: 'x' }),
    ).rejects.toMatchObject({ code: 'INVALID_ROTATION_EVENT' });
  });
});
