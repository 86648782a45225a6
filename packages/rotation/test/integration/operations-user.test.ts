import { randomUUID } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeWithMoto } from '@biot-plugin/test-support/moto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { biotTargetFromEnv, ROTATION_ENV } from '../../src/config.js';
import { createRotationHandler } from '../../src/rotation/rotation-handler.js';
import { ROTATION_STEPS } from '../../src/rotation/rotation-step.js';
import { STAGE } from '../../src/secrets/secret-store.js';
import { createPluginSecret } from '../support/plugin-secret.js';
import { type RotationRig, SILENT_LOGGER, startRotationRig } from '../support/rotation-rig.js';

/**
 * Who did what in BioT: a pass-through proxy in front of the emulator that reads each service
 * login (the user id in its body, the token in BioT's answer) and names the user behind the bearer
 * token of every later call.
 */
async function startIdentityProxy(target: string) {
  const upstream = new URL(target);
  const userOfToken = new Map<string, string>();
  const calls: { route: string; user: string | undefined }[] = [];
  const logins: string[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = incoming.url ?? '/';
      const isLogin = path.startsWith('/ums/v2/services/accessToken');
      const loginId = isLogin ? (JSON.parse(body.toString() || '{}') as { id?: string }).id : undefined;
      if (loginId) logins.push(loginId);
      const bearer = incoming.headers.authorization?.replace(/^Bearer\s+/i, '');
      if (!isLogin)
        calls.push({
          route: `${incoming.method} ${path.split('?')[0]}`,
          user: userOfToken.get(bearer ?? ''),
        });
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path,
          method: incoming.method,
          headers: incoming.headers,
        },
        (answer) => {
          const answerChunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
          answer.on('end', () => {
            const text = Buffer.concat(answerChunks);
            if (loginId && answer.statusCode === 200) {
              userOfToken.set((JSON.parse(text.toString()) as { accessToken: string }).accessToken, loginId);
            }
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            outgoing.end(text);
          });
        },
      );
      forward.on('error', () => outgoing.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describeWithMoto('a rotation with an operations user (moto + BioT emulator)', () => {
  let rig: RotationRig;
  let proxy: Awaited<ReturnType<typeof startIdentityProxy>>;
  beforeAll(async () => {
    rig = await startRotationRig();
    proxy = await startIdentityProxy(rig.emulator.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await rig?.close();
  });

  async function serviceUserWithSecret() {
    const user = rig.emulator.addServiceUser({ id: randomUUID() });
    const key = { keyId: user.keyId, secretKey: user.secretKey };
    const { arn, store } = await createPluginSecret(rig.secretsManager, { key });
    return { id: user.id, key, arn, store };
  }

  /** The rotation Lambda as the stack configures it: by its environment. */
  function rotationLambda(env: Record<string, string>) {
    const rotate = createRotationHandler({
      secretsManager: rig.secretsManager,
      biot: biotTargetFromEnv({ [ROTATION_ENV.baseUrl]: proxy.url, ...env }),
      logger: SILENT_LOGGER,
    });
    return async (secretArn: string) => {
      const versionId = randomUUID();
      for (const step of ROTATION_STEPS)
        await rotate({ Step: step, SecretId: secretArn, ClientRequestToken: versionId });
      return versionId;
    };
  }

  it("mints, lists and deletes the plugin user's keys logged in as the operations user, never as the plugin user", async () => {
    const pluginUser = await serviceUserWithSecret();
    const operations = await serviceUserWithSecret();
    const rotate = rotationLambda({
      [ROTATION_ENV.serviceUserId]: pluginUser.id,
      [ROTATION_ENV.operationsUserId]: operations.id,
      [ROTATION_ENV.operationsSecretArn]: operations.arn,
    });
    proxy.calls.length = 0;
    proxy.logins.length = 0;

    await rotate(pluginUser.arn);
    await rotate(pluginUser.arn);

    const keyCalls = proxy.calls.filter((call) => call.route.includes(`/ums/v2/services/${pluginUser.id}`));
    expect(keyCalls.map((call) => call.route)).toEqual(
      expect.arrayContaining([
        `POST /ums/v2/services/${pluginUser.id}/secret-keys`,
        `GET /ums/v2/services/${pluginUser.id}`,
        expect.stringMatching(new RegExp(`^DELETE /ums/v2/services/${pluginUser.id}/secret-keys/`)),
      ]),
    );
    expect(new Set(keyCalls.map((call) => call.user))).toEqual(new Set([operations.id]));
    // The plugin user logs in only to prove each new key works (testSecret), one login per rotation.
    expect(proxy.logins.filter((id) => id === pluginUser.id)).toHaveLength(2);
    // The plugin's secret holds a working key of the plugin user; the operations secret is untouched.
    const current = JSON.parse((await pluginUser.store.readValue({ stage: STAGE.current })) as string);
    expect(rig.emulator.serviceUser(pluginUser.id)?.secretKeys.map((key) => key.id)).toContain(current.keyId);
    expect(JSON.parse((await operations.store.readValue({ stage: STAGE.current })) as string)).toEqual(
      operations.key,
    );
  });

  it("rotates the operations user's own key logged in as itself", async () => {
    const operations = await serviceUserWithSecret();
    const rotate = rotationLambda({ [ROTATION_ENV.serviceUserId]: operations.id });
    proxy.calls.length = 0;
    proxy.logins.length = 0;

    await rotate(operations.arn);

    expect(new Set(proxy.logins)).toEqual(new Set([operations.id]));
    expect(new Set(proxy.calls.map((call) => call.user))).toEqual(new Set([operations.id]));
    const current = JSON.parse((await operations.store.readValue({ stage: STAGE.current })) as string);
    expect(current.keyId).not.toBe(operations.key.keyId);
  });

  it('refuses half an operations configuration, naming both variables', () => {
    const target = biotTargetFromEnv({
      [ROTATION_ENV.baseUrl]: 'https://biot.example.com',
      [ROTATION_ENV.serviceUserId]: randomUUID(),
      [ROTATION_ENV.operationsUserId]: randomUUID(),
    });

    expect(target).toBeInstanceOf(Error);
    expect((target as Error).message).toContain(ROTATION_ENV.operationsSecretArn);
  });
});
