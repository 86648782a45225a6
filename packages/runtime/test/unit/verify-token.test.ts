import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PublicKeyPair, PublicKeyStore } from '../../src/auth/public-key-store.js';
import { verifyBiotToken } from '../../src/auth/verify-token.js';
import { AuthError, PublicKeyUnavailableError, ScopeError } from '../../src/errors.js';
import { newSigningKey, type SigningKey, signToken } from '../support/signing-keys.js';

const scope = {
  deadline: Date.now() + 60_000,
  traceparent: '00-691d9a7ec2ebb8ad236b56d739c4c17f-ff435abc75711595-00',
};
let biotKey: SigningKey;
let foreignKey: SigningKey;

beforeAll(async () => {
  [biotKey, foreignKey] = await Promise.all([newSigningKey(), newSigningKey()]);
});

function storeServing(pair: () => PublicKeyPair) {
  let fetches = 0;
  const store = new PublicKeyStore({
    fetchKeys: async () => {
      fetches += 1;
      return pair();
    },
  });
  return { store, fetches: () => fetches };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('verifyBiotToken', () => {
  it('accepts an RS512 token signed by BioT that carries the required scope', async () => {
    const { store } = storeServing(() => ({ publicKey: biotKey.publicKeyBase64 }));
    const token = await signToken(biotKey, { scopes: ['ACTION_NOTIFICATION'] });
    const claims = await verifyBiotToken(token, store, { requiredScope: 'ACTION_NOTIFICATION', scope });
    expect(claims.tokenType).toBe('SERVICE_INTERNAL');
  });

  it('rejects a missing token with JWT_MISSING', async () => {
    const { store } = storeServing(() => ({ publicKey: biotKey.publicKeyBase64 }));
    const error = await rejection(verifyBiotToken(undefined, store, { requiredScope: undefined, scope }));
    expect(error).toMatchObject({ code: 'JWT_MISSING', status: 401 });
  });

  it('rejects a notification token that lacks ACTION_NOTIFICATION with 403', async () => {
    const { store } = storeServing(() => ({ publicKey: biotKey.publicKeyBase64 }));
    const token = await signToken(biotKey, { scopes: ['PLUGIN_INTERCEPTOR'] });
    const error = await rejection(
      verifyBiotToken(token, store, { requiredScope: 'ACTION_NOTIFICATION', scope }),
    );
    expect(error).toBeInstanceOf(ScopeError);
    expect(error).toMatchObject({ status: 403 });
  });

  it('rejects an expired token with JWT_EXPIRED', async () => {
    const { store } = storeServing(() => ({ publicKey: biotKey.publicKeyBase64 }));
    const token = await signToken(biotKey, { expiresInSeconds: -120 });
    const error = await rejection(verifyBiotToken(token, store, { requiredScope: undefined, scope }));
    expect(error).toMatchObject({ code: 'JWT_EXPIRED', status: 401 });
  });

  it('tolerates up to 30 seconds of clock skew on exp', async () => {
    const { store } = storeServing(() => ({ publicKey: biotKey.publicKeyBase64 }));
    const token = await signToken(biotKey, { expiresInSeconds: -10 });
    await expect(verifyBiotToken(token, store, { requiredScope: undefined, scope })).resolves.toBeDefined();
  });

  it('rejects a token without exp', async () => {
    const { store } = storeServing(() => ({ publicKey: biotKey.publicKeyBase64 }));
    const token = await signToken(biotKey, { expiresInSeconds: null });
    const error = await rejection(verifyBiotToken(token, store, { requiredScope: undefined, scope }));
    expect(error).toMatchObject({ code: 'JWT_INVALID' });
  });

  it('rejects a token signed by a foreign key', async () => {
    const { store } = storeServing(() => ({ publicKey: biotKey.publicKeyBase64 }));
    const token = await signToken(foreignKey);
    const error = await rejection(verifyBiotToken(token, store, { requiredScope: undefined, scope }));
    expect(error).toMatchObject({ code: 'JWT_INVALID', status: 401 });
  });

  it('rejects an RS256 token even when the key is right', async () => {
    const { store } = storeServing(() => ({ publicKey: biotKey.publicKeyBase64 }));
    const token = await signToken(biotKey, { alg: 'RS256' });
    const error = await rejection(verifyBiotToken(token, store, { requiredScope: undefined, scope }));
    expect(error).toMatchObject({ code: 'JWT_INVALID' });
  });

  it('rejects an alg:none token', async () => {
    const { store } = storeServing(() => ({ publicKey: biotKey.publicKeyBase64 }));
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${encode({ alg: 'none' })}.${encode({ scopes: ['ACTION_NOTIFICATION'], exp: 9999999999 })}.`;
    const error = await rejection(verifyBiotToken(token, store, { requiredScope: undefined, scope }));
    expect(error).toMatchObject({ code: 'JWT_INVALID' });
  });

  it('rejects an HS512 token signed with the public key as the HMAC secret', async () => {
    const { store } = storeServing(() => ({ publicKey: biotKey.publicKeyBase64 }));
    const token = await new SignJWT({ scopes: ['ACTION_NOTIFICATION'], exp: 9999999999 })
      .setProtectedHeader({ alg: 'HS512' })
      .sign(new TextEncoder().encode(biotKey.publicKeyPem));
    const error = await rejection(verifyBiotToken(token, store, { requiredScope: undefined, scope }));
    expect(error).toMatchObject({ code: 'JWT_INVALID' });
  });

  it.each([['not-a-jwt'], ['a.b.c'], ['eyJhbGciOiJSUzUxMiJ9..']])(
    'rejects the malformed token %s',
    async (token) => {
      const { store } = storeServing(() => ({ publicKey: biotKey.publicKeyBase64 }));
      const error = await rejection(verifyBiotToken(token, store, { requiredScope: undefined, scope }));
      expect(error).toBeInstanceOf(AuthError);
    },
  );

  it('accepts a token signed with previousPublicKey during a BioT key rotation', async () => {
    const { store } = storeServing(() => ({
      publicKey: foreignKey.publicKeyBase64,
      previousPublicKey: biotKey.publicKeyBase64,
    }));
    const token = await signToken(biotKey);
    await expect(verifyBiotToken(token, store, { requiredScope: undefined, scope })).resolves.toBeDefined();
  });

  it('fetches the key once for many concurrent tokens', async () => {
    const { store, fetches } = storeServing(() => ({ publicKey: biotKey.publicKeyBase64 }));
    const token = await signToken(biotKey);
    await Promise.all(
      Array.from({ length: 20 }, () => verifyBiotToken(token, store, { requiredScope: undefined, scope })),
    );
    expect(fetches()).toBe(1);
  });

  it('refetches the key after a signature failure, at most once a minute', async () => {
    let served = biotKey;
    const { store, fetches } = storeServing(() => ({ publicKey: served.publicKeyBase64 }));
    await verifyBiotToken(await signToken(biotKey), store, { requiredScope: undefined, scope });
    served = foreignKey;
    // The first fetch was just now, so a forged token cannot trigger another.
    await rejection(verifyBiotToken(await signToken(foreignKey), store, { requiredScope: undefined, scope }));
    expect(fetches()).toBe(1);
  });

  it('picks up BioT’s new key after a rotation once the refetch interval has passed', async () => {
    let now = 0;
    let served = biotKey;
    const store = new PublicKeyStore({
      fetchKeys: async () => ({ publicKey: served.publicKeyBase64 }),
      now: () => now,
    });
    await verifyBiotToken(await signToken(biotKey), store, { requiredScope: undefined, scope });
    served = foreignKey;
    now = 61_000;
    await expect(
      verifyBiotToken(await signToken(foreignKey), store, { requiredScope: undefined, scope }),
    ).resolves.toBeDefined();
  });

  it('reports PUBLIC_KEY_UNAVAILABLE when the key cannot be fetched on a cold start', async () => {
    const store = new PublicKeyStore({
      fetchKeys: async () => {
        throw new Error('connection refused');
      },
    });
    const error = await rejection(
      verifyBiotToken(await signToken(biotKey), store, { requiredScope: undefined, scope }),
    );
    expect(error).toBeInstanceOf(PublicKeyUnavailableError);
  });

  it('uses a static BIOT_PUBLIC_KEY in PEM form without fetching', async () => {
    const store = new PublicKeyStore({
      staticKey: biotKey.publicKeyPem,
      fetchKeys: async () => {
        throw new Error('must not fetch');
      },
    });
    await expect(
      verifyBiotToken(await signToken(biotKey), store, { requiredScope: undefined, scope }),
    ).resolves.toBeDefined();
  });
});
