import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  type BiotEmulator,
  functionUrlEvent,
  lambdaContext,
  startBiotEmulator,
} from '@biot-plugin/biot-emulator';
import { createHandler, definePlugin, loadConfig } from '@biot-plugin/runtime';
import { describeWithMoto, type MotoServer, startMoto } from '@biot-plugin/test-support/moto';
import {
  awsOperation,
  type RecordingProxy,
  startRecordingProxy,
} from '@biot-plugin/test-support/recording-proxy';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPluginSecret } from '../support/plugin-secret.js';

/**
 * The runtime's own Secrets Manager reads (packages/runtime/src/biot/secret-source.ts), against
 * moto: cached for BIOT_SECRET_MAX_AGE_SECONDS, and the last good value kept when Secrets Manager
 * cannot be reached. They live here because this package owns the moto harness.
 */
const SERVICE_USER = { id: 'c0ffee00-1bce-44aa-8f8d-6027eb7aa536', secretKey: 'cache-test-secret' };
const LOGIN = 'POST /ums/v2/services/accessToken';
const plugin = definePlugin({
  name: 'secret-cache-test',
  hooks: {
    notification: async (_event, { biot }) => {
      await biot.search('/organization/v1/users/patients', { limit: 1 });
    },
  },
  subscriptions: { notifications: [{ entityTypeName: 'patient', actionName: '_create' }] },
});

/** GetSecretValue calls that reached moto through the proxy. */
const secretReads = (proxy: RecordingProxy) =>
  proxy.requests().filter((request) => awsOperation(request) === 'secretsmanager.GetSecretValue').length;

describeWithMoto('the runtime’s Secrets Manager cache', () => {
  let moto: MotoServer;
  let emulator: BiotEmulator;
  let proxy: RecordingProxy;
  let secretArn: string;

  beforeAll(async () => {
    [moto, emulator] = await Promise.all([
      startMoto(),
      // Two-second service tokens, so a warm container must log in (and need its secret) again soon.
      startBiotEmulator({ serviceUsers: [SERVICE_USER], accessTokenTtlSeconds: 2 }),
    ]);
    proxy = await startRecordingProxy(moto.url);
    Object.assign(process.env, moto.env(proxy.url));
    const client = new SecretsManagerClient(moto.clientConfig());
    secretArn = (
      await createPluginSecret(client, { key: { keyId: 'k-1', secretKey: SERVICE_USER.secretKey } })
    ).arn;
  });
  afterAll(async () => {
    await proxy?.close();
    await emulator?.close();
    await moto?.close();
  });

  const container = () =>
    createHandler({
      config: loadConfig({
        BIOT_BASE_URL: emulator.url,
        BIOT_SERVICE_USER_ID: SERVICE_USER.id,
        BIOT_SERVICE_USER_SECRET_ARN: secretArn,
        BIOT_SECRET_MAX_AGE_SECONDS: '1',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
      }),
      plugin,
      env: {},
    });
  const notify = async (handler: ReturnType<typeof container>) =>
    (await handler(functionUrlEvent(await emulator.buildEvent('NOTIFICATION')), lambdaContext(5_000)))
      .statusCode;

  it('reads the secret once for a burst of cold invocations, and not again while it is fresh', async () => {
    proxy.setDown(false);
    const handler = container();
    const before = secretReads(proxy);

    const statuses = await Promise.all(Array.from({ length: 20 }, () => notify(handler)));

    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(secretReads(proxy) - before).toBe(1);
  });

  it('keeps working with the cached secret while Secrets Manager is unreachable', async () => {
    proxy.setDown(false);
    const handler = container();
    expect(await notify(handler)).toBe(200);
    const loginsBefore = emulator.stats().byRoute[LOGIN] ?? 0;
    proxy.setDown(true);

    // Past both the secret's max age and the service token's life: the next call must log in again.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await notify(handler)).toBe(200);

    expect((emulator.stats().byRoute[LOGIN] ?? 0) - loginsBefore).toBe(1);
    proxy.setDown(false);
  });

  it('answers 503 SECRET_UNAVAILABLE on a cold start while Secrets Manager is unreachable', async () => {
    proxy.setDown(true);
    const handler = container();

    const result = await handler(
      functionUrlEvent(await emulator.buildEvent('NOTIFICATION')),
      lambdaContext(5_000),
    );

    expect(result.statusCode).toBe(503);
    expect(JSON.parse(result.body ?? '{}')).toMatchObject({ code: 'SECRET_UNAVAILABLE' });
    proxy.setDown(false);
  });
});
