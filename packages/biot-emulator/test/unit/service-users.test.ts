import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BiotEmulator, startBiotEmulator } from '../../src/index.js';
import { biotError, call, login } from '../support/http-client.js';
import { writeTestKeyFile } from '../support/test-key-file.js';

const PLUGIN = { id: 'dea7da00-1bce-44aa-8f8d-6027eb7aa536', secretKey: 'plugin-secret', name: 'my-plugin' };
const LOCKED = { id: '6c1d7e4a-0000-4000-8000-0000000010c4', secretKey: 'locked-secret', active: false };
const TRACEPARENT = '00-691d9a7ec2ebb8ad236b56d739c4c17f-ff435abc75711595-00';
const keyFile = writeTestKeyFile();

describe('service-user login (POST /ums/v2/services/accessToken)', () => {
  let emulator: BiotEmulator;

  beforeAll(async () => {
    emulator = await startBiotEmulator({ keyFile, serviceUsers: [PLUGIN, LOCKED] });
  });
  beforeEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('answers 200 with an opaque access token that expires in 30 minutes (ISO-8601 UTC)', async () => {
    const answer = await call(emulator, 'POST', '/ums/v2/services/accessToken', { body: PLUGIN });

    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json)).toEqual(['accessToken', 'accessTokenExpiration']);
    expect(answer.json.accessToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(answer.json.accessTokenExpiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const lifetimeMs = Date.parse(answer.json.accessTokenExpiration) - Date.now();
    expect(lifetimeMs).toBeGreaterThan(1795_000);
    expect(lifetimeMs).toBeLessThanOrEqual(1800_000);
  });

  it('hands out a different token on every login', async () => {
    const first = await call(emulator, 'POST', '/ums/v2/services/accessToken', { body: PLUGIN });
    const second = await call(emulator, 'POST', '/ums/v2/services/accessToken', { body: PLUGIN });

    expect(first.json.accessToken).not.toBe(second.json.accessToken);
  });

  it('answers 400 MISSING_PARAMETERS naming the missing field', async () => {
    const answer = await call(emulator, 'POST', '/ums/v2/services/accessToken', { body: { id: PLUGIN.id } });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(biotError('MISSING_PARAMETERS'));
    expect(answer.json.details).toMatchObject({ missing: ['secretKey'] });
  });

  it('answers 400 MISSING_PARAMETERS when the body is not JSON', async () => {
    const answer = await call(emulator, 'POST', '/ums/v2/services/accessToken', {
      rawBody: 'id=x&secretKey=y',
    });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(biotError('MISSING_PARAMETERS'));
  });

  it('answers 403 LOGIN_FAILED for an unknown service user', async () => {
    const answer = await call(emulator, 'POST', '/ums/v2/services/accessToken', {
      body: { id: 'no-such-user', secretKey: PLUGIN.secretKey },
    });

    expect(answer.status).toBe(403);
    expect(answer.json).toEqual(biotError('LOGIN_FAILED'));
  });

  it('answers 403 LOGIN_FAILED for a wrong secret key', async () => {
    const answer = await call(emulator, 'POST', '/ums/v2/services/accessToken', {
      body: { id: PLUGIN.id, secretKey: 'wrong' },
    });

    expect(answer.status).toBe(403);
    expect(answer.json).toEqual(biotError('LOGIN_FAILED'));
  });

  it('answers 401 SERVICE_LOCKED for an inactive service user with the right key', async () => {
    const answer = await call(emulator, 'POST', '/ums/v2/services/accessToken', { body: LOCKED });

    expect(answer.status).toBe(401);
    expect(answer.json).toEqual(biotError('SERVICE_LOCKED'));
  });

  it('puts the trace id of the caller’s traceparent into the error body', async () => {
    const answer = await call(emulator, 'POST', '/ums/v2/services/accessToken', {
      body: { id: PLUGIN.id, secretKey: 'wrong' },
      headers: { traceparent: TRACEPARENT },
    });

    expect(answer.json.traceId).toBe('691d9a7ec2ebb8ad236b56d739c4c17f');
  });

  it('uses a fresh trace id when the traceparent is not valid W3C', async () => {
    const answer = await call(emulator, 'POST', '/ums/v2/services/accessToken', {
      body: {},
      headers: { traceparent: 'not-a-traceparent' },
    });

    expect(answer.json.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('lets a service user added at run time log in with its generated secret', async () => {
    const created = emulator.addServiceUser({ id: 'runtime-user' });

    const answer = await call(emulator, 'POST', '/ums/v2/services/accessToken', {
      body: { id: created.id, secretKey: created.secretKey },
    });

    expect(created.secretKey.length).toBeGreaterThanOrEqual(32);
    expect(answer.status).toBe(200);
  });

  it('refuses to add a service user whose id already exists', () => {
    expect(() => emulator.addServiceUser({ id: PLUGIN.id })).toThrow(/already exists/);
  });
});

describe('service users and secret keys (UMS)', () => {
  let emulator: BiotEmulator;
  let token: string;

  beforeAll(async () => {
    emulator = await startBiotEmulator({ keyFile, serviceUsers: [PLUGIN], maxSecretKeys: 2 });
  });
  beforeEach(async () => {
    emulator.reset();
    token = await login(emulator, PLUGIN.id, PLUGIN.secretKey);
  });
  afterAll(() => emulator.close());

  describe('access tokens on protected routes', () => {
    it('answers 401 UNAUTHORIZED without an authorization header', async () => {
      const answer = await call(emulator, 'GET', `/ums/v2/services/${PLUGIN.id}`);

      expect(answer.status).toBe(401);
      expect(answer.json).toEqual(biotError('UNAUTHORIZED'));
      expect(answer.json.details).toEqual({ reason: 'missing' });
    });

    it('answers 401 UNAUTHORIZED for a token it never issued', async () => {
      const answer = await call(emulator, 'GET', `/ums/v2/services/${PLUGIN.id}`, { token: 'forged' });

      expect(answer.status).toBe(401);
      expect(answer.json.details).toEqual({ reason: 'unknown' });
    });

    it('answers 401 UNAUTHORIZED once the token has expired', async () => {
      const shortLived = await startBiotEmulator({
        keyFile,
        serviceUsers: [PLUGIN],
        accessTokenTtlSeconds: 0.05,
      });
      try {
        const expiring = await login(shortLived, PLUGIN.id, PLUGIN.secretKey);
        await new Promise((resolve) => setTimeout(resolve, 80));

        const answer = await call(shortLived, 'GET', `/ums/v2/services/${PLUGIN.id}`, { token: expiring });

        expect(answer.status).toBe(401);
        expect(answer.json.details).toEqual({ reason: 'expired' });
      } finally {
        await shortLived.close();
      }
    });

    it('forgets all access tokens on reset', async () => {
      emulator.reset();

      const answer = await call(emulator, 'GET', `/ums/v2/services/${PLUGIN.id}`, { token });

      expect(answer.status).toBe(401);
    });
  });

  it('shows a service user with key ids and creation times but never a secret value', async () => {
    const answer = await call(emulator, 'GET', `/ums/v2/services/${PLUGIN.id}`, { token });

    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      name: 'my-plugin',
      type: 'INTERNAL_SERVICE',
      roleId: expect.any(String),
      ownerOrganizationId: '00000000-0000-0000-0000-000000000000',
      active: true,
      accessTokenExpirationInMinutes: 30,
      id: PLUGIN.id,
      secretKeys: [{ id: expect.any(String), creationTime: expect.any(String) }],
    });
    expect(answer.text).not.toContain(PLUGIN.secretKey);
  });

  it('answers 404 SERVICE_USER_NOT_FOUND for an unknown service user', async () => {
    const answer = await call(emulator, 'GET', '/ums/v2/services/nobody', { token });

    expect(answer.status).toBe(404);
    expect(answer.json).toEqual(biotError('SERVICE_USER_NOT_FOUND'));
  });

  it('creates a secret key with 201, returns its value once, and the new key logs in', async () => {
    const answer = await call(emulator, 'POST', `/ums/v2/services/${PLUGIN.id}/secret-keys`, { token });

    expect(answer.status).toBe(201);
    expect(Object.keys(answer.json)).toEqual(['id', 'creationTime', 'secretKey']);
    expect(emulator.serviceUser(PLUGIN.id)?.secretKeys.map((key) => key.id)).toContain(answer.json.id);
    await expect(login(emulator, PLUGIN.id, answer.json.secretKey)).resolves.toEqual(expect.any(String));
    await expect(login(emulator, PLUGIN.id, PLUGIN.secretKey)).resolves.toEqual(expect.any(String));
    await call(emulator, 'DELETE', `/ums/v2/services/${PLUGIN.id}/secret-keys/${answer.json.id}`, { token });
  });

  it('answers 409 MAX_SECRET_KEYS with serviceId and maxSecretKeys at the cap', async () => {
    const added = await call(emulator, 'POST', `/ums/v2/services/${PLUGIN.id}/secret-keys`, { token });

    const refused = await call(emulator, 'POST', `/ums/v2/services/${PLUGIN.id}/secret-keys`, { token });

    expect(refused.status).toBe(409);
    expect(refused.json).toEqual(biotError('MAX_SECRET_KEYS'));
    expect(refused.json.details).toEqual({ serviceId: PLUGIN.id, maxSecretKeys: 2 });
    await call(emulator, 'DELETE', `/ums/v2/services/${PLUGIN.id}/secret-keys/${added.json.id}`, { token });
  });

  it('answers 404 SERVICE_USER_NOT_FOUND when adding a key to an unknown service user', async () => {
    const answer = await call(emulator, 'POST', '/ums/v2/services/nobody/secret-keys', { token });

    expect(answer.status).toBe(404);
    expect(answer.json).toEqual(biotError('SERVICE_USER_NOT_FOUND'));
  });

  it('deletes a secret key with 204, after which that key no longer logs in', async () => {
    const added = await call(emulator, 'POST', `/ums/v2/services/${PLUGIN.id}/secret-keys`, { token });

    const deleted = await call(
      emulator,
      'DELETE',
      `/ums/v2/services/${PLUGIN.id}/secret-keys/${added.json.id}`,
      {
        token,
      },
    );
    const relogin = await call(emulator, 'POST', '/ums/v2/services/accessToken', {
      body: { id: PLUGIN.id, secretKey: added.json.secretKey },
    });

    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(relogin.status).toBe(403);
  });

  it('answers 404 SECRET_KEY_ID_NOT_FOUND when deleting a key that does not exist', async () => {
    const answer = await call(emulator, 'DELETE', `/ums/v2/services/${PLUGIN.id}/secret-keys/no-such-key`, {
      token,
    });

    expect(answer.status).toBe(404);
    expect(answer.json).toEqual(biotError('SECRET_KEY_ID_NOT_FOUND'));
  });

  it('revokes access tokens issued with a secret key when that key is deleted', async () => {
    const added = await call(emulator, 'POST', `/ums/v2/services/${PLUGIN.id}/secret-keys`, { token });
    const tokenOfNewKey = await login(emulator, PLUGIN.id, added.json.secretKey);

    await call(emulator, 'DELETE', `/ums/v2/services/${PLUGIN.id}/secret-keys/${added.json.id}`, { token });
    const withRevoked = await call(emulator, 'GET', `/ums/v2/services/${PLUGIN.id}`, {
      token: tokenOfNewKey,
    });
    const withOther = await call(emulator, 'GET', `/ums/v2/services/${PLUGIN.id}`, { token });

    expect(withRevoked.status).toBe(401);
    expect(withRevoked.json.details).toEqual({ reason: 'revoked' });
    expect(withOther.status).toBe(200);
  });

  it('keeps such tokens working when revokeTokensOnKeyDelete is off', async () => {
    const lenient = await startBiotEmulator({
      keyFile,
      serviceUsers: [PLUGIN],
      revokeTokensOnKeyDelete: false,
    });
    try {
      const adminToken = await login(lenient, PLUGIN.id, PLUGIN.secretKey);
      const added = await call(lenient, 'POST', `/ums/v2/services/${PLUGIN.id}/secret-keys`, {
        token: adminToken,
      });
      const tokenOfNewKey = await login(lenient, PLUGIN.id, added.json.secretKey);

      await call(lenient, 'DELETE', `/ums/v2/services/${PLUGIN.id}/secret-keys/${added.json.id}`, {
        token: adminToken,
      });
      const answer = await call(lenient, 'GET', `/ums/v2/services/${PLUGIN.id}`, { token: tokenOfNewKey });

      expect(answer.status).toBe(200);
    } finally {
      await lenient.close();
    }
  });
});
