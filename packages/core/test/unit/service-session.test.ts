import { describe, expect, it } from 'vitest';
import { ConfigurationError, ServiceLoginError } from '../../src/errors.js';
import type { AccessToken } from '../../src/login/service-login.js';
import { ServiceSession } from '../../src/login/service-session.js';
import type { SecretSource } from '../../src/secret/secret-source.js';

const scope = {
  deadline: Date.now() + 60_000,
  traceparent: '00-691d9a7ec2ebb8ad236b56d739c4c17f-ff435abc75711595-00',
};

/** A secret store whose value tests can change, as a rotation does. */
function rotatingSecret(initial: string) {
  let value = initial;
  const reads: boolean[] = [];
  const source: SecretSource = {
    read: async ({ forceFetch }) => {
      reads.push(forceFetch);
      return { secretKey: value };
    },
  };
  return { source, reads, rotateTo: (next: string) => (value = next) };
}

/** A BioT login that accepts one key at a time and counts calls. */
function biotLogin(acceptedKey: () => string, lifetimeMs = 30 * 60_000) {
  const calls: string[] = [];
  const login = async (credentials: { id: string; secretKey: string }): Promise<AccessToken> => {
    calls.push(credentials.secretKey);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (credentials.secretKey !== acceptedKey()) throw new ServiceLoginError(403, 'LOGIN_FAILED');
    return {
      accessToken: `token-${calls.length}`,
      accessTokenExpiration: new Date(Date.now() + lifetimeMs).toISOString(),
    };
  };
  return { login, calls };
}

describe('ServiceSession', () => {
  it('logs in once and reuses the token until it nears expiry', async () => {
    const secret = rotatingSecret('key-1');
    const biot = biotLogin(() => 'key-1');
    const session = new ServiceSession({ serviceUserId: 'svc', secrets: secret.source, login: biot.login });
    expect(await session.accessToken(scope)).toBe('token-1');
    expect(await session.accessToken(scope)).toBe('token-1');
    expect(biot.calls).toHaveLength(1);
  });

  it('shares one login among concurrent callers', async () => {
    const biot = biotLogin(() => 'key-1');
    const session = new ServiceSession({
      serviceUserId: 'svc',
      secrets: rotatingSecret('key-1').source,
      login: biot.login,
    });
    const tokens = await Promise.all(Array.from({ length: 50 }, () => session.accessToken(scope)));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(biot.calls).toHaveLength(1);
  });

  it('logs in again once the token is within its safety margin of expiry', async () => {
    let now = Date.now();
    const biot = biotLogin(() => 'key-1', 10 * 60_000);
    const session = new ServiceSession({
      serviceUserId: 'svc',
      secrets: rotatingSecret('key-1').source,
      login: biot.login,
      now: () => now,
    });
    await session.accessToken(scope);
    now += 9.5 * 60_000;
    expect(await session.accessToken(scope)).toBe('token-2');
  });

  it('re-reads the secret bypassing caches when BioT rejects it, then logs in with the new one', async () => {
    const secret = rotatingSecret('old-key');
    let accepted = 'old-key';
    const biot = biotLogin(() => accepted);
    const session = new ServiceSession({ serviceUserId: 'svc', secrets: secret.source, login: biot.login });
    // The secret was rotated and the old key revoked, but this container still caches the old value.
    accepted = 'new-key';
    const cachedRead = secret.source.read;
    let firstRead = true;
    secret.source.read = async (options) => {
      if (firstRead) {
        firstRead = false;
        return { secretKey: 'old-key' };
      }
      secret.rotateTo('new-key');
      return cachedRead(options);
    };
    expect(await session.accessToken(scope)).toBe('token-2');
    expect(biot.calls).toEqual(['old-key', 'new-key']);
    expect(secret.reads).toEqual([true]);
  });

  it('fails with the login error when the re-read secret is the same rejected one', async () => {
    const secret = rotatingSecret('wrong');
    const biot = biotLogin(() => 'right');
    const session = new ServiceSession({ serviceUserId: 'svc', secrets: secret.source, login: biot.login });
    await expect(session.accessToken(scope)).rejects.toBeInstanceOf(ServiceLoginError);
    expect(biot.calls).toEqual(['wrong']);
    expect(secret.reads).toEqual([false, true]);
  });

  it('logs in again after a token is invalidated', async () => {
    const biot = biotLogin(() => 'key-1');
    const session = new ServiceSession({
      serviceUserId: 'svc',
      secrets: rotatingSecret('key-1').source,
      login: biot.login,
    });
    session.invalidate(await session.accessToken(scope));
    expect(await session.accessToken(scope)).toBe('token-2');
  });

  it('explains a missing service user id', async () => {
    const session = new ServiceSession({
      serviceUserId: undefined,
      secrets: rotatingSecret('k').source,
      login: biotLogin(() => 'k').login,
    });
    await expect(session.accessToken(scope)).rejects.toThrow(ConfigurationError);
  });

  it('explains a missing secret', async () => {
    const session = new ServiceSession({
      serviceUserId: 'svc',
      secrets: undefined,
      login: biotLogin(() => 'k').login,
    });
    await expect(session.accessToken(scope)).rejects.toThrow(/BIOT_SERVICE_USER_SECRET_ARN/);
  });

  describe('prepare, as a cold container starts its first invocation', () => {
    it('reads the secret without logging in', async () => {
      const secret = rotatingSecret('key-1');
      const biot = biotLogin(() => 'key-1');
      const seen: string[] = [];
      const session = new ServiceSession({
        serviceUserId: 'svc',
        secrets: secret.source,
        login: biot.login,
        onSecret: (value) => seen.push(value),
      });

      session.prepare();
      await new Promise((resolve) => setTimeout(resolve, 10));

      expect(secret.reads).toEqual([false]);
      expect(biot.calls).toEqual([]);
      expect(seen).toEqual(['key-1']);
    });

    it('reads once for the whole life of the container, however often it is called', async () => {
      const secret = rotatingSecret('key-1');
      const session = new ServiceSession({
        serviceUserId: 'svc',
        secrets: secret.source,
        login: biotLogin(() => 'key-1').login,
      });

      session.prepare();
      session.prepare();
      await session.accessToken(scope);
      session.prepare();

      // The login's own read is the source's to answer from its cache (secretsManagerSecretSource).
      expect(secret.reads).toEqual([false, false]);
    });

    it('leaves a failed read to the login, which reads again and reports it', async () => {
      let failures = 0;
      const session = new ServiceSession({
        serviceUserId: 'svc',
        secrets: {
          read: async () => {
            failures += 1;
            throw new Error('Secrets Manager could not be reached');
          },
        },
        login: biotLogin(() => 'key-1').login,
      });

      session.prepare();
      await new Promise((resolve) => setTimeout(resolve, 10));

      await expect(session.accessToken(scope)).rejects.toThrow('Secrets Manager could not be reached');
      expect(failures).toBe(2);
    });

    it('does nothing without a secret to read', () => {
      const session = new ServiceSession({
        serviceUserId: 'svc',
        secrets: undefined,
        login: biotLogin(() => 'k').login,
      });

      expect(() => session.prepare()).not.toThrow();
    });
  });
});
