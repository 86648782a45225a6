import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionUrlResult } from '../../src/event/function-url-event.js';
import { expectBiotErrorBody } from '../support/biot-error-body.js';
import { functionUrlEvent } from '../support/function-url-events.js';
import { type Harness, lambdaContext, startHarness } from '../support/plugin-harness.js';
import { newSigningKey, type SigningKey, signToken } from '../support/signing-keys.js';

let harness: Harness;
let foreignKey: SigningKey;

beforeAll(async () => {
  [harness, foreignKey] = await Promise.all([startHarness(), newSigningKey()]);
});
afterAll(() => harness.close());

function expectBiotError(result: FunctionUrlResult, status: number, code: string): void {
  expect(result.statusCode).toBe(status);
  expect(expectBiotErrorBody(result)).toMatchObject({
    code,
    serviceName: 'test-plugin',
    environment: 'test',
  });
}

async function sendRaw(headers: Record<string, string>, body: string | null, isBase64Encoded = false) {
  return harness.handler(functionUrlEvent({ headers, body, isBase64Encoded }), lambdaContext());
}

async function interceptorWith(token: string) {
  return harness.invoke('INTERCEPTOR_PRE', { token });
}

describe('bad input gets a 4xx and BioT’s error body, never a 500', () => {
  it.each([
    ['a missing body', null],
    ['an empty body', ''],
    ['a body that is not JSON', '<xml/>'],
    ['a JSON array body', '[]'],
    ['a JSON number body', '42'],
  ])('answers %s with 400 INVALID_EVENT', async (_case, body) => {
    expectBiotError(await sendRaw({ hooktype: 'NOTIFICATION' }, body), 400, 'INVALID_EVENT');
  });

  it.each([
    ['an object', { entity: 1 }],
    ['a number', 42],
  ])(
    'answers a Function URL event whose body is %s, not a string, with 400 INVALID_EVENT',
    async (_case, body) => {
      const event = { ...functionUrlEvent({ headers: { hooktype: 'INTERCEPTOR_PRE' } }), body };
      expectBiotError(await harness.handler(event, lambdaContext()), 400, 'INVALID_EVENT');
    },
  );

  it('answers a body nested 100,000 arrays deep with 400 INVALID_EVENT', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expectBiotError(await sendRaw({ hooktype: 'INTERCEPTOR_PRE' }, deep), 400, 'INVALID_EVENT');
  });

  it.each([
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['100 KB long', 'A'.repeat(100_000)],
  ])(
    'answers a hooktype that is %s with 400 UNKNOWN_HOOK_TYPE, without echoing it',
    async (_case, hooktype) => {
      const result = await sendRaw({ hooktype }, '{}');
      expectBiotError(result, 400, 'UNKNOWN_HOOK_TYPE');
      expect(String(result.body).length).toBeLessThan(1_000);
    },
  );

  it('treats a URL call whose headers are null or an array as one without hooktype: 403, never the scheduled hook', async () => {
    for (const headers of [null, ['hooktype', 'INTERCEPTOR_PRE']]) {
      const event = { ...functionUrlEvent({}), headers };
      expectBiotError(await harness.handler(event, lambdaContext()), 403, 'SCHEDULED_VIA_URL_DISABLED');
    }
  });

  it('keeps a __proto__ key of the body out of every object’s prototype', async () => {
    const body = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}';
    expectBiotError(await sendRaw({ hooktype: 'INTERCEPTOR_PRE' }, body), 400, 'INVALID_EVENT');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers base64 garbage with 400 INVALID_EVENT', async () => {
    expectBiotError(await sendRaw({ hooktype: 'INTERCEPTOR_PRE' }, '%%%%', true), 400, 'INVALID_EVENT');
  });

  it('answers an unknown hooktype with 400 UNKNOWN_HOOK_TYPE', async () => {
    expectBiotError(await sendRaw({ hooktype: 'INTERCEPTOR_SOMETIMES' }, '{}'), 400, 'UNKNOWN_HOOK_TYPE');
  });

  it('answers a PRE body without a request with 400 INVALID_EVENT', async () => {
    const result = await harness.invoke('INTERCEPTOR_PRE', { body: { method: 'GET', apiId: 'GET/x' } });
    expectBiotError(result, 400, 'INVALID_EVENT');
  });

  it('answers a notification without its jwt with 401 JWT_MISSING', async () => {
    const event = await harness.emulator.buildEvent('NOTIFICATION');
    const body = JSON.parse(event.body) as Record<string, unknown>;
    delete body.jwt;
    expectBiotError(await sendRaw(event.headers, JSON.stringify(body)), 401, 'JWT_MISSING');
  });

  it('answers an interceptor without authorization with 401 JWT_MISSING', async () => {
    const result = await harness.invoke('INTERCEPTOR_PRE', { headers: { authorization: undefined } });
    expectBiotError(result, 401, 'JWT_MISSING');
  });

  it('answers a malformed token with 401 JWT_INVALID', async () => {
    expectBiotError(await interceptorWith('not.a.jwt'), 401, 'JWT_INVALID');
  });

  it('answers an expired token with 401 JWT_EXPIRED', async () => {
    const token = await harness.emulator.signEventToken({
      scopes: ['PLUGIN_INTERCEPTOR'],
      expiresInSeconds: -300,
    });
    expectBiotError(await interceptorWith(token), 401, 'JWT_EXPIRED');
  });

  it('answers a token signed by a foreign key with 401 JWT_INVALID', async () => {
    expectBiotError(await interceptorWith(await signToken(foreignKey)), 401, 'JWT_INVALID');
  });

  it('answers an alg:none token with 401 JWT_INVALID', async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const exp = Math.floor(Date.now() / 1000) + 600;
    const token = `${encode({ alg: 'none' })}.${encode({ scopes: ['PLUGIN_INTERCEPTOR'], exp })}.`;
    expectBiotError(await interceptorWith(token), 401, 'JWT_INVALID');
  });

  it('answers an HS512 token keyed with BioT’s public key with 401 JWT_INVALID', async () => {
    const secret = new TextEncoder().encode(harness.emulator.publicKey);
    const token = await new SignJWT({ scopes: ['PLUGIN_INTERCEPTOR'] })
      .setProtectedHeader({ alg: 'HS512' })
      .setExpirationTime('10m')
      .sign(secret);
    expectBiotError(await interceptorWith(token), 401, 'JWT_INVALID');
  });

  it('answers an RS256 token with 401 JWT_INVALID', async () => {
    expectBiotError(await interceptorWith(await signToken(foreignKey, { alg: 'RS256' })), 401, 'JWT_INVALID');
  });

  it('answers an interceptor token without PLUGIN_INTERCEPTOR with 403 JWT_SCOPE_MISSING', async () => {
    const token = await harness.emulator.signEventToken({ scopes: ['ACTION_NOTIFICATION'] });
    expectBiotError(await interceptorWith(token), 403, 'JWT_SCOPE_MISSING');
  });

  it('answers a notification token without ACTION_NOTIFICATION with 403 JWT_SCOPE_MISSING', async () => {
    const token = await harness.emulator.signEventToken({ scopes: ['PLUGIN_INTERCEPTOR'] });
    expectBiotError(await harness.invoke('NOTIFICATION', { token }), 403, 'JWT_SCOPE_MISSING');
  });

  it('honours a scope override from BIOT_JWT_PERMISSION_INTERCEPTION', async () => {
    const handler = harness.coldStart({ BIOT_JWT_PERMISSION_INTERCEPTION: 'MY_CUSTOM_SCOPE' });
    const token = await harness.emulator.signEventToken({ scopes: ['PLUGIN_INTERCEPTOR'] });
    const event = await harness.emulator.buildEvent('INTERCEPTOR_PRE', { token });
    expectBiotError(await handler(functionUrlEvent(event), lambdaContext()), 403, 'JWT_SCOPE_MISSING');
  });

  it.each([
    ['oversized', `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01${'c'.repeat(10_000)}`],
    ['malformed', 'not-a-traceparent<script>'],
  ])('replaces an %s traceparent with a fresh one and never echoes it', async (_case, traceparent) => {
    const result = await harness.invoke('NOTIFICATION', { traceparent });
    expect(result.statusCode).toBe(200);
    expect(result.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(JSON.stringify(result)).not.toContain(traceparent);
  });

  it('accepts any event without checking tokens when BIOT_SHOULD_VALIDATE_JWT is false', async () => {
    const handler = harness.coldStart({ BIOT_SHOULD_VALIDATE_JWT: 'false' });
    const event = await harness.emulator.buildEvent('INTERCEPTOR_PRE', { token: 'whatever' });
    expect((await handler(functionUrlEvent(event), lambdaContext())).statusCode).toBe(200);
  });
});
