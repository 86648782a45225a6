import { type AddressInfo, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PluginHooks } from '../../src/hook-api/hooks.js';
import { GET_PATIENT, LOGIN, PUBLIC_KEY } from '../support/biot-routes.js';
import { functionUrlEvent } from '../support/function-url-events.js';
import { bodyOf, type Harness, lambdaContext, startHarness, trackCalls } from '../support/plugin-harness.js';
import { testHooks } from '../support/test-plugin.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

/** The URL of a port on 127.0.0.1 where nothing listens. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** A cold container: a new handler with empty caches. */
async function coldNotification(budgetMs = 3_000, env: Record<string, string> = {}) {
  const handler = harness.coldStart(env);
  const event = await harness.emulator.buildEvent('NOTIFICATION');
  return handler(functionUrlEvent(event), lambdaContext(budgetMs));
}

describe('when BioT misbehaves', () => {
  it('retries a login answered 503 and succeeds', async () => {
    harness.emulator.injectFault({ route: LOGIN, status: 503, times: 2 });
    const calls = trackCalls(harness.emulator);
    const result = await coldNotification();
    expect(result.statusCode).toBe(200);
    expect(calls.to(LOGIN)).toBe(3);
  });

  it('answers 502 SERVICE_LOGIN_FAILED after a bounded number of login attempts', async () => {
    harness.emulator.injectFault({ route: LOGIN, status: 500, times: 10 });
    const calls = trackCalls(harness.emulator);
    const result = await coldNotification();
    expect(result.statusCode).toBe(502);
    expect(bodyOf(result)).toMatchObject({ code: 'SERVICE_LOGIN_FAILED', details: { upstreamStatus: 500 } });
    expect(calls.to(LOGIN)).toBe(3);
    harness.emulator.reset();
  });

  it('answers 502 SERVICE_LOGIN_FAILED when BioT refuses the secret', async () => {
    const result = await coldNotification(3_000, { BIOT_SERVICE_USER_SECRET_KEY: 'wrong-secret' });
    expect(result.statusCode).toBe(502);
    expect(bodyOf(result)).toMatchObject({ code: 'SERVICE_LOGIN_FAILED', details: { upstreamStatus: 403 } });
  });

  it('answers 504 BIOT_TIMEOUT before the Lambda’s deadline when the login hangs', async () => {
    harness.emulator.injectFault({ route: LOGIN, hang: true, times: 5 });
    const started = Date.now();
    const result = await coldNotification(1_000);
    expect(result.statusCode).toBe(504);
    expect(bodyOf(result).code).toBe('BIOT_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1_000);
    harness.emulator.reset();
  });

  it('answers 504 BIOT_TIMEOUT before the deadline when an API call hangs', async () => {
    await harness.invoke('NOTIFICATION');
    harness.emulator.injectFault({ route: GET_PATIENT, hang: true, times: 5 });
    const started = Date.now();
    const result = await harness.invoke('NOTIFICATION', {}, 800);
    expect(result.statusCode).toBe(504);
    expect(Date.now() - started).toBeLessThan(800);
    harness.emulator.reset();
  });

  it('answers 502 BIOT_UNREACHABLE when nothing listens at BIOT_BASE_URL', async () => {
    const result = await coldNotification(3_000, {
      BIOT_BASE_URL: await closedPortUrl(),
      BIOT_PUBLIC_KEY: harness.emulator.publicKey,
    });
    expect(result.statusCode).toBe(502);
    expect(bodyOf(result).code).toBe('BIOT_UNREACHABLE');
  });

  it('answers 503 PUBLIC_KEY_UNAVAILABLE when the key endpoint is down on a cold start', async () => {
    harness.emulator.injectFault({ route: PUBLIC_KEY, status: 503, times: 10 });
    const result = await coldNotification();
    expect(result.statusCode).toBe(503);
    expect(bodyOf(result).code).toBe('PUBLIC_KEY_UNAVAILABLE');
    harness.emulator.reset();
  });

  it('keeps verifying with the cached key while the key endpoint is down', async () => {
    await harness.invoke('NOTIFICATION');
    harness.emulator.injectFault({ route: PUBLIC_KEY, status: 503, times: Number.POSITIVE_INFINITY });
    const result = await harness.invoke('NOTIFICATION');
    expect(result.statusCode).toBe(200);
    harness.emulator.reset();
  });

  it('accepts tokens signed by either key while BioT rotates its signing key, then only the new one', async () => {
    let now = Date.now();
    const handler = harness.coldStart({}, testHooks, () => now);
    const send = async (signWith: 'current' | 'previous') => {
      const token = await harness.emulator.signEventToken({ scopes: ['ACTION_NOTIFICATION'], signWith });
      return (
        await handler(
          functionUrlEvent(await harness.emulator.buildEvent('NOTIFICATION', { token })),
          lambdaContext(),
        )
      ).statusCode;
    };
    expect(await send('current')).toBe(200);
    harness.emulator.rotateSigningKey();
    now += 61_000;
    expect(await send('current')).toBe(200);
    expect(await send('previous')).toBe(200);
    const oldKeyToken = await harness.emulator.signEventToken({
      scopes: ['ACTION_NOTIFICATION'],
      signWith: 'previous',
    });
    harness.emulator.rotateSigningKey();
    now += 61_000;
    const result = await handler(
      functionUrlEvent(await harness.emulator.buildEvent('NOTIFICATION', { token: oldKeyToken })),
      lambdaContext(),
    );
    expect(result.statusCode).toBe(401);
  });
});

describe('when a hook misbehaves', () => {
  it('answers an interceptor hook that throws with a generic 500 that tells the caller nothing', async () => {
    const throwing: PluginHooks = {
      ...testHooks,
      preRequest: () => {
        throw new Error('patient has national id NATIONAL-ID-4711');
      },
    };
    const handler = harness.coldStart({}, throwing);
    const result = await handler(
      functionUrlEvent(await harness.emulator.buildEvent('INTERCEPTOR_PRE')),
      lambdaContext(),
    );
    expect(result.statusCode).toBe(500);
    expect(bodyOf(result)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', details: {} });
    expect(result.body).not.toContain('NATIONAL-ID-4711');
  });

  it('answers an interceptor hook that returns nonsense with 500 INVALID_HOOK_RESULT', async () => {
    const broken: PluginHooks = { ...testHooks, adaptEntity: () => ({ entities: null }) as never };
    const handler = harness.coldStart({}, broken);
    const event = await harness.emulator.buildEvent('INTERCEPTOR_POST_ENTITY');
    const result = await handler(functionUrlEvent(event), lambdaContext());
    expect(result.statusCode).toBe(500);
    expect(bodyOf(result)).toMatchObject({
      code: 'INVALID_HOOK_RESULT',
      message: 'The plugin produced an invalid result',
    });
  });
});
