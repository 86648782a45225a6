import { createPublicKey } from 'node:crypto';
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BIOT_INTERNAL_CALLER_ID,
  type BiotEmulator,
  NOTIFICATION_SCOPES,
  startBiotEmulator,
} from '../../src/index.js';
import { call } from '../support/http-client.js';
import { writeTestKeyFile } from '../support/test-key-file.js';

/** Verifies a token the way the seeds do: the served one-line key wrapped as PEM (BIOT-CONTRACT.md §3). */
async function verifyWith(publicKey: string, token: string) {
  const key = await importSPKI(`-----BEGIN PUBLIC KEY-----\n${publicKey}\n-----END PUBLIC KEY-----`, 'RS512');
  return jwtVerify(token, key, { algorithms: ['RS512'] });
}

describe('the public key and event tokens', () => {
  const keyFile = writeTestKeyFile();
  let emulator: BiotEmulator;

  beforeAll(async () => {
    emulator = await startBiotEmulator({ keyFile });
  });
  afterAll(() => emulator.close());

  it('serves the public key without authentication as one-line base64 DER of an RSA-2048 SPKI', async () => {
    const answer = await call(emulator, 'GET', '/ums/v1/security/public-key');

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.json.publicKey).toMatch(/^MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA[A-Za-z0-9+/=]+$/);
    const key = createPublicKey({
      key: Buffer.from(answer.json.publicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('serves the key loaded from keyFile, identical across emulators that share the file', async () => {
    const other = await startBiotEmulator({ keyFile, seed: false });
    try {
      expect(other.publicKey).toBe(emulator.publicKey);
    } finally {
      await other.close();
    }
  });

  it('serves previousPublicKey equal to publicKey before any rotation', async () => {
    const fresh = await startBiotEmulator({ keyFile });
    try {
      const answer = await call(fresh, 'GET', '/ums/v1/security/public-key');

      expect(answer.json).toEqual({ publicKey: fresh.publicKey, previousPublicKey: fresh.publicKey });
    } finally {
      await fresh.close();
    }
  });

  it('signs event tokens with the header exactly {"alg":"RS512"} and the captured claim set', async () => {
    const token = await emulator.signEventToken();

    const headerJson = Buffer.from(token.split('.')[0] as string, 'base64url').toString();
    expect(headerJson).toBe('{"alg":"RS512"}');
    const { payload } = await verifyWith(emulator.publicKey, token);
    expect(Object.keys(payload)).toEqual(['serviceUserId', 'scopes', 'tokenType', 'jti', 'exp']);
    expect(payload).toMatchObject({
      serviceUserId: BIOT_INTERNAL_CALLER_ID,
      scopes: [...NOTIFICATION_SCOPES],
      tokenType: 'SERVICE_INTERNAL',
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(payload.exp).toBeGreaterThan(Date.now() / 1000 + 1790);
  });

  it('signs tokens with the requested scopes, lifetime and extra claims', async () => {
    const token = await emulator.signEventToken({
      scopes: ['PLUGIN_INTERCEPTOR'],
      expiresInSeconds: 60,
      claims: { tenantId: 't-1' },
    });

    const { payload } = await verifyWith(emulator.publicKey, token);
    expect(payload.scopes).toEqual(['PLUGIN_INTERCEPTOR']);
    expect(payload.tenantId).toBe('t-1');
    expect(payload.exp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 60);
  });

  it('signs an already expired token when asked for a negative lifetime', async () => {
    const token = await emulator.signEventToken({ expiresInSeconds: -10 });

    await expect(verifyWith(emulator.publicKey, token)).rejects.toThrow(/exp/);
  });

  it('serves the old key as previousPublicKey after a rotation, and tokens of either key verify', async () => {
    const rotating = await startBiotEmulator({ keyFile, seed: false });
    try {
      const before = rotating.publicKey;

      rotating.rotateSigningKey();
      const answer = await call(rotating, 'GET', '/ums/v1/security/public-key');
      const current = await rotating.signEventToken();
      const previous = await rotating.signEventToken({ signWith: 'previous' });

      expect(answer.json.previousPublicKey).toBe(before);
      expect(answer.json.publicKey).not.toBe(before);
      expect(answer.json.publicKey).toBe(rotating.publicKey);
      await expect(verifyWith(answer.json.publicKey, current)).resolves.toBeDefined();
      await expect(verifyWith(answer.json.previousPublicKey, previous)).resolves.toBeDefined();
      await expect(verifyWith(answer.json.publicKey, previous)).rejects.toThrow();
      expect(decodeProtectedHeader(previous)).toEqual({ alg: 'RS512' });
    } finally {
      await rotating.close();
    }
  });

  it('refuses a key file that does not exist', async () => {
    await expect(startBiotEmulator({ keyFile: '/nonexistent/key.pem' })).rejects.toThrow(
      /Cannot read key file/,
    );
  });
});
