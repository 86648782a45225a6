import { functionUrlEvent, lambdaContext } from '@biot-plugin/biot-emulator';
import { createHandler, definePlugin, loadConfig, type PluginHandler } from '@biot-plugin/runtime';
import { describeWithMoto } from '@biot-plugin/test-support/moto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STAGE } from '../../src/secrets/secret-store.js';
import { type RotationRig, startRotationRig, type TestPlugin } from '../support/rotation-rig.js';
import { type SecretsManagerFront, startSecretsManagerFront } from '../support/secrets-manager-front.js';

/** Every notification makes the plugin call BioT as its service user, so each needs a valid login. */
const searchingPlugin = definePlugin({
  name: 'zero-downtime-test',
  hooks: {
    notification: async (_event, { biot }) => {
      await biot.search('/organization/v1/users/patients', { limit: 1 });
    },
  },
  subscriptions: { notifications: [{ entityTypeName: 'patient', actionName: '_create' }] },
});

const CONTAINERS = 4;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithMoto('the runtime while its secret is rotated and the old key revoked', () => {
  let rig: RotationRig;
  let front: SecretsManagerFront;
  beforeAll(async () => {
    rig = await startRotationRig({ revokeTokensOnKeyDelete: true });
    // The front plays AWS where moto differs (see secrets-manager-front.ts); the runtime itself
    // asks for AWSCURRENT explicitly.
    front = await startSecretsManagerFront({ moto: rig.moto });
    Object.assign(process.env, rig.moto.env(front.url));
  });
  afterAll(async () => {
    await front?.close();
    await rig?.close();
  });

  function container(plugin: TestPlugin): PluginHandler {
    return createHandler({
      config: loadConfig({
        BIOT_BASE_URL: rig.emulator.url,
        BIOT_SERVICE_USER_ID: plugin.serviceUserId,
        BIOT_SERVICE_USER_SECRET_ARN: plugin.secretArn,
        BIOT_SECRET_MAX_AGE_SECONDS: '1',
        BIOT_HTTP_RETRY_LIMIT: '0',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
      }),
      plugin: searchingPlugin,
      env: {},
    });
  }

  it('answers every invocation with 200 through rotations that delete the keys warm containers hold', async () => {
    const plugin = await rig.newPlugin();
    const containers = Array.from({ length: CONTAINERS }, () => container(plugin));
    const statuses: number[] = [];
    let running = true;
    const invokeUntilStopped = async (handler: PluginHandler) => {
      while (running) {
        const call = await rig.emulator.buildEvent('NOTIFICATION');
        statuses.push((await handler(functionUrlEvent(call), lambdaContext())).statusCode);
      }
    };
    const traffic = containers.map(invokeUntilStopped);

    await pause(300);
    await plugin.rotateOnce(); // the first key becomes AWSPREVIOUS and stays valid
    await pause(300);
    await plugin.rotateOnce(); // deletes the first key: tokens issued with it are revoked
    await pause(300);
    await plugin.rotateOnce(); // deletes the second key as well
    await pause(1_500); // past the secret's max age
    running = false;
    await Promise.all(traffic);

    const failed = statuses.filter((status) => status !== 200);
    expect({ invocations: statuses.length, failed: failed.length }).toEqual({
      invocations: statuses.length,
      failed: 0,
    });
    expect(statuses.length).toBeGreaterThan(50);
    // The old keys really were revoked under the containers' feet, and they recovered.
    expect(plugin.biotKeyIds()).not.toContain(plugin.firstKey.keyId);
    const refused = rig.emulator.requests.filter(
      (request) => request.status === 401 || request.status === 403,
    );
    expect(refused.length).toBeGreaterThan(0);
    const current = JSON.parse((await plugin.store.readValue({ stage: STAGE.current })) as string);
    expect(plugin.biotKeyIds()).toContain(current.keyId);
  });
});
