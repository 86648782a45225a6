import { createServer } from 'node:net';
import { type BiotEmulator, startBiotEmulator } from '@biot-plugin/biot-emulator';
import { BiotTimeoutError, BiotUnreachableError, ServiceLoginError } from '@biot-plugin/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UmsClient } from '../../src/biot/ums-client.js';

const USER = { id: 'c0ffee00-0000-4000-8000-000000000001', secretKey: 'first-secret' };
const CREATE_KEY = 'POST /ums/v2/services/{id}/secret-keys';

describe("UmsClient against the BioT emulator's UMS routes", () => {
  let biot: BiotEmulator;
  let ums: UmsClient;
  let token: string;
  beforeAll(async () => {
    biot = await startBiotEmulator({ seed: false, serviceUsers: [USER] });
    ums = new UmsClient({ baseUrl: biot.url, timeoutMs: 300, retryLimit: 2 });
  });
  beforeEach(async () => {
    biot.reset();
    token = await ums.login(USER);
  });
  afterAll(() => biot?.close());

  it("turns a refused login into the core's ServiceLoginError carrying BioT's status and code", async () => {
    const error = await ums
      .login({ id: USER.id, secretKey: 'not-the-key-7f3a' })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ServiceLoginError);
    expect(error).toMatchObject({ upstreamStatus: 403, upstreamCode: 'LOGIN_FAILED', rejectsKey: true });
    expect((error as Error).message).not.toContain('not-the-key-7f3a');
  });

  it('lists key ids and creation times, and creates a key whose value it returns once', async () => {
    const created = await ums.createSecretKey(USER.id, token);

    const keys = await ums.listSecretKeys(USER.id, token);

    expect(keys.map((key) => key.id)).toEqual([expect.any(String), created.id]);
    expect(created.secretKey).toMatch(/.{16,}/);
    await ums.deleteSecretKey(USER.id, created.id, token);
  });

  it('never retries creating a key, since a second one would be a key nobody has', async () => {
    biot.injectFault({ route: CREATE_KEY, status: 503, times: 1 });

    await expect(ums.createSecretKey(USER.id, token)).rejects.toMatchObject({ upstreamStatus: 503 });

    expect(biot.stats().byRoute[CREATE_KEY]).toBe(1);
  });

  it('retries a login that met a 503', async () => {
    biot.injectFault({ route: 'POST /ums/v2/services/accessToken', status: 503, times: 1 });

    await expect(ums.login(USER)).resolves.toEqual(expect.any(String));
  });

  it('answers a delete of a key BioT no longer has with "absent"', async () => {
    await expect(ums.deleteSecretKey(USER.id, 'gone', token)).resolves.toBe('absent');
  });

  it('gives a BiotApiError 409 MAX_SECRET_KEYS at the cap', async () => {
    const created = [await ums.createSecretKey(USER.id, token), await ums.createSecretKey(USER.id, token)];

    await expect(ums.createSecretKey(USER.id, token)).rejects.toMatchObject({
      name: 'BiotApiError',
      upstreamStatus: 409,
      upstreamCode: 'MAX_SECRET_KEYS',
    });
    for (const key of created) await ums.deleteSecretKey(USER.id, key.id, token);
  });

  it('reports a BioT that does not answer in time as a BiotTimeoutError', async () => {
    biot.injectFault({ route: 'GET /ums/v2/services/{id}', hang: true, times: 3 });

    await expect(ums.listSecretKeys(USER.id, token)).rejects.toBeInstanceOf(BiotTimeoutError);
  });

  it('reads an error page without a BioT body as a status without a code', async () => {
    biot.injectFault({
      route: 'GET /ums/v2/services/{id}',
      status: 502,
      body: '<html>Bad gateway</html>',
      times: 3,
    });

    await expect(ums.listSecretKeys(USER.id, token)).rejects.toMatchObject({
      upstreamStatus: 502,
      upstreamCode: undefined,
    });
  });

  it('reports a closed port as a BiotUnreachableError', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });

    await expect(
      new UmsClient({ baseUrl: `http://127.0.0.1:${port}`, retryLimit: 0 }).login(USER),
    ).rejects.toBeInstanceOf(BiotUnreachableError);
  });
});
