import { importSPKI, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BiotEmulator, startBiotEmulator } from '../../src/index.js';
import { biotError, call, login } from '../support/http-client.js';
import { writeTestKeyFile } from '../support/test-key-file.js';

const PLUGIN = { id: 'dea7da00-1bce-44aa-8f8d-6027eb7aa536', secretKey: 'plugin-secret' };
const TRACEPARENT = '00-691d9a7ec2ebb8ad236b56d739c4c17f-ff435abc75711595-00';
const PATIENT_ID = '72b65591-2bc4-4b8a-877b-827a5a1057b3';
const keyFile = writeTestKeyFile();

describe('request log, stats and unknown routes', () => {
  let emulator: BiotEmulator;

  beforeAll(async () => {
    emulator = await startBiotEmulator({ keyFile, serviceUsers: [PLUGIN] });
  });
  beforeEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('records method, route template, path, status and arrival time of each request', async () => {
    const token = await login(emulator, PLUGIN.id, PLUGIN.secretKey);

    await call(emulator, 'GET', `/organization/v1/users/patients/${PATIENT_ID}`, { token });

    expect(emulator.requests.at(-1)).toEqual({
      method: 'GET',
      route: 'GET /organization/v1/users/patients/{id}',
      path: `/organization/v1/users/patients/${PATIENT_ID}`,
      status: 200,
      at: expect.any(Number),
    });
  });

  it('records the traceparent and allow-interception headers a plugin sent', async () => {
    await call(emulator, 'GET', '/ums/v1/security/public-key', {
      headers: { traceparent: TRACEPARENT, 'allow-interception': '1' },
    });

    expect(emulator.requests.at(-1)).toMatchObject({ traceparent: TRACEPARENT, allowInterception: '1' });
  });

  it('leaves traceparent and allowInterception out when they were not sent', async () => {
    await call(emulator, 'GET', '/ums/v1/security/public-key');

    const [entry] = emulator.requests;
    expect(entry).not.toHaveProperty('traceparent');
    expect(entry).not.toHaveProperty('allowInterception');
  });

  it('counts requests per route template', async () => {
    const token = await login(emulator, PLUGIN.id, PLUGIN.secretKey);

    await call(emulator, 'GET', `/organization/v1/users/patients/${PATIENT_ID}`, { token });
    await call(emulator, 'GET', '/organization/v1/users/patients/other', { token });

    expect(emulator.stats()).toEqual({
      total: 3,
      byRoute: {
        'POST /ums/v2/services/accessToken': 1,
        'GET /organization/v1/users/patients/{id}': 2,
      },
    });
  });

  it('keeps only the most recent requests up to its capacity, while stats keep counting', async () => {
    const small = await startBiotEmulator({ keyFile, seed: false, requestLogCapacity: 3 });
    try {
      for (let i = 0; i < 5; i++) await call(small, 'GET', `/nowhere/${i}`);

      expect(small.requests.map((entry) => entry.path)).toEqual(['/nowhere/2', '/nowhere/3', '/nowhere/4']);
      expect(small.stats().total).toBe(5);
    } finally {
      await small.close();
    }
  });

  it('answers an unknown route with 404 and a BioT error body', async () => {
    const answer = await call(emulator, 'GET', '/settings/v1/nothing-here', {
      headers: { traceparent: TRACEPARENT },
    });

    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ ...biotError('NOT_FOUND'), traceId: '691d9a7ec2ebb8ad236b56d739c4c17f' });
    expect(emulator.requests.at(-1)).toMatchObject({ route: 'GET /settings/v1/nothing-here', status: 404 });
  });

  it('answers a known path with the wrong method with 405 and a BioT error body', async () => {
    const answer = await call(emulator, 'DELETE', '/ums/v1/security/public-key');

    expect(answer.status).toBe(405);
    expect(answer.json).toEqual(biotError('METHOD_NOT_ALLOWED'));
  });

  it('does not log or count admin calls', async () => {
    await call(emulator, 'GET', '/_emulator/stats');

    expect(emulator.requests).toEqual([]);
    expect(emulator.stats().total).toBe(0);
  });

  it('clears the log and stats on reset', async () => {
    await call(emulator, 'GET', '/ums/v1/security/public-key');

    emulator.reset();

    expect(emulator.requests).toEqual([]);
    expect(emulator.stats()).toEqual({ total: 0, byRoute: {} });
  });
});

describe('the admin API under /_emulator/', () => {
  let emulator: BiotEmulator;

  beforeAll(async () => {
    emulator = await startBiotEmulator({ keyFile });
  });
  beforeEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('injects a fault', async () => {
    const injected = await call(emulator, 'POST', '/_emulator/faults', {
      body: { route: 'GET /ums/v1/security/public-key', status: 503, times: 'Infinity' },
    });

    const first = await call(emulator, 'GET', '/ums/v1/security/public-key');
    const second = await call(emulator, 'GET', '/ums/v1/security/public-key');

    expect(injected.status).toBe(201);
    expect(injected.json.times).toBe('Infinity');
    expect([first.status, second.status]).toEqual([503, 503]);
  });

  it('answers 400 INVALID_ADMIN_REQUEST for a fault it cannot apply', async () => {
    const answer = await call(emulator, 'POST', '/_emulator/faults', {
      body: { route: 'somewhere', status: 500 },
    });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(biotError('INVALID_ADMIN_REQUEST'));
  });

  it('answers 400 INVALID_ADMIN_REQUEST for a body that is not JSON', async () => {
    const answer = await call(emulator, 'POST', '/_emulator/faults', { rawBody: 'route=*' });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(biotError('INVALID_ADMIN_REQUEST'));
  });

  it('answers 400 UNKNOWN_ADMIN_COMMAND for a command it does not know', async () => {
    const answer = await call(emulator, 'POST', '/_emulator/self-destruct');

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(biotError('UNKNOWN_ADMIN_COMMAND'));
  });

  it('answers 400 UNKNOWN_ADMIN_COMMAND for a known command with the wrong method', async () => {
    const answer = await call(emulator, 'GET', '/_emulator/reset');

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(biotError('UNKNOWN_ADMIN_COMMAND'));
  });

  it('resets the emulator', async () => {
    emulator.injectFault({ route: '*', status: 500 });

    const answer = await call(emulator, 'POST', '/_emulator/reset');
    const after = await call(emulator, 'GET', '/ums/v1/security/public-key');

    expect(answer.json).toEqual({ reset: true });
    expect(after.status).toBe(200);
  });

  it('reports stats and the request log', async () => {
    await call(emulator, 'GET', '/ums/v1/security/public-key');

    const stats = await call(emulator, 'GET', '/_emulator/stats');
    const requests = await call(emulator, 'GET', '/_emulator/requests');

    expect(stats.json).toEqual({ total: 1, byRoute: { 'GET /ums/v1/security/public-key': 1 } });
    expect(requests.json.requests).toEqual([
      expect.objectContaining({ route: 'GET /ums/v1/security/public-key' }),
    ]);
  });

  it('signs an event token verifiable with the served key', async () => {
    const answer = await call(emulator, 'POST', '/_emulator/event-tokens', {
      body: { scopes: ['PLUGIN_INTERCEPTOR'], expiresInSeconds: 120 },
    });

    const key = await importSPKI(
      `-----BEGIN PUBLIC KEY-----\n${emulator.publicKey}\n-----END PUBLIC KEY-----`,
      'RS512',
    );
    const { payload } = await jwtVerify(answer.json.token, key);
    expect(payload.scopes).toEqual(['PLUGIN_INTERCEPTOR']);
  });

  it('answers 400 INVALID_ADMIN_REQUEST for event-token options of the wrong type', async () => {
    const answer = await call(emulator, 'POST', '/_emulator/event-tokens', {
      body: { scopes: 'PLUGIN_INTERCEPTOR' },
    });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(biotError('INVALID_ADMIN_REQUEST'));
  });

  it('creates a service user that can log in, generating id and secret', async () => {
    const created = await call(emulator, 'POST', '/_emulator/service-users', { body: {} });

    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      id: expect.any(String),
      keyId: expect.any(String),
      secretKey: expect.any(String),
    });
    await expect(login(emulator, created.json.id, created.json.secretKey)).resolves.toEqual(
      expect.any(String),
    );
  });

  it('answers 400 INVALID_ADMIN_REQUEST for a service user id that exists', async () => {
    await call(emulator, 'POST', '/_emulator/service-users', { body: { id: 'twice' } });

    const answer = await call(emulator, 'POST', '/_emulator/service-users', { body: { id: 'twice' } });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(biotError('INVALID_ADMIN_REQUEST'));
  });

  it('rotates the signing key last, since it changes the key every other test verifies with', async () => {
    const before = emulator.publicKey;

    const answer = await call(emulator, 'POST', '/_emulator/signing-key/rotate');

    expect(answer.json).toEqual({ publicKey: emulator.publicKey, previousPublicKey: before });
    expect(emulator.publicKey).not.toBe(before);
  });
});
