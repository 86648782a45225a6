import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '../../src/plugin/define-plugin.js';
import { lambdaHandler } from '../../src/plugin/lambda-handler.js';
import { expectBiotErrorBody } from '../support/biot-error-body.js';
import { functionUrlEvent, TRACEPARENT } from '../support/function-url-events.js';
import {
  bodyOf,
  type Harness,
  lambdaContext,
  SERVICE_SECRET,
  SERVICE_USER_ID,
  startHarness,
} from '../support/plugin-harness.js';
import { testPlugin } from '../support/test-plugin.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

describe('a plugin that implements only some hooks', () => {
  const notifyOnly = () => harness.coldStart({}, { notification: () => undefined });

  it('answers the hooks it has', async () => {
    const event = await harness.emulator.buildEvent('NOTIFICATION');
    expect((await notifyOnly()(functionUrlEvent(event), lambdaContext())).statusCode).toBe(200);
  });

  it.each([
    ['INTERCEPTOR_PRE', 'preRequest'],
    ['INTERCEPTOR_POST', 'postRequest'],
    ['INTERCEPTOR_POST_ENTITY', 'adaptEntity'],
  ] as const)(
    'answers a genuine %s event with 404 HOOK_NOT_IMPLEMENTED naming the hook type',
    async (type, hook) => {
      const event = await harness.emulator.buildEvent(type, { traceparent: TRACEPARENT });
      const result = await notifyOnly()(functionUrlEvent(event), lambdaContext());
      expect(result.statusCode).toBe(404);
      expectBiotErrorBody(result);
      expect(bodyOf(result)).toMatchObject({
        code: 'HOOK_NOT_IMPLEMENTED',
        message: `This plugin does not handle ${type} events (it has no ${hook} hook)`,
        details: { hook, hooktype: type },
      });
    },
  );

  it('answers a call without hooktype with 404 when it has no scheduled hook', async () => {
    const result = await notifyOnly()({ source: 'aws.scheduler' }, lambdaContext());
    expect(result.statusCode).toBe(404);
    expect(bodyOf(result).code).toBe('HOOK_NOT_IMPLEMENTED');
  });

  it('still refuses a forged token with 401 before saying what it lacks', async () => {
    const event = await harness.emulator.buildEvent('INTERCEPTOR_PRE', { token: 'e30.e30.e30' });
    const result = await notifyOnly()(functionUrlEvent(event), lambdaContext());
    expect(result.statusCode).toBe(401);
  });
});

describe('an identity hook', () => {
  const identity = () =>
    harness.coldStart(
      {},
      {
        preRequest: (event) => event.body.request,
        postRequest: (event) => event.body.response,
        adaptEntity: (event) => event.body.response,
      },
    );

  // Keys JavaScript treats as special are exactly the ones a validator's copy may lose.
  const key = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('constructor', 'prototype', '__proto__', 'toString', 'hasOwnProperty'),
  );
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null)),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    ),
  })).value;
  const extra = fc.dictionary(key, json, { maxKeys: 4 });

  it('answers exactly what BioT sent, for any request, response or entities', async () => {
    const handler = identity();
    const token = await harness.emulator.signEventToken({ scopes: ['PLUGIN_INTERCEPTOR'] });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('INTERCEPTOR_PRE', 'INTERCEPTOR_POST', 'INTERCEPTOR_POST_ENTITY'),
        extra,
        extra,
        fc.array(extra, { maxLength: 3 }),
        async (type, requestExtra, responseExtra, entities) => {
          const inner =
            type === 'INTERCEPTOR_PRE'
              ? { ...requestExtra, path: '/p', queryParameters: { q: ['1'] }, headers: { a: 'b' } }
              : type === 'INTERCEPTOR_POST'
                ? { ...responseExtra, statusCode: 200, body: requestExtra }
                : { ...responseExtra, statusCode: 200, entities };
          const key = type === 'INTERCEPTOR_PRE' ? 'request' : 'response';
          const bodyText = `{"method":"GET","apiId":"GET/p","${key}":${JSON.stringify(inner)}}`;
          const event = functionUrlEvent({
            headers: { hooktype: type, authorization: `Bearer ${token}` },
            body: bodyText,
          });
          const result = await handler(event, lambdaContext());
          expect(result.statusCode).toBe(200);
          const sent = JSON.parse(bodyText)[key];
          expect(JSON.parse(result.body ?? '')).toEqual({ [key]: sent });
          expect(result.body).toBe(JSON.stringify({ [key]: sent }));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('lambdaHandler', () => {
  it('configures the plugin from the environment, named after the plugin unless BIOT_APP_NAME says otherwise', async () => {
    const plugin = definePlugin({
      name: 'named-plugin',
      hooks: { preRequest: () => ({ path: 1 }) as never },
      subscriptions: { interceptions: [{ type: 'PRE_REQUEST', apiId: 'GET/x' }] },
    });
    const handler = lambdaHandler(plugin, {
      BIOT_BASE_URL: harness.emulator.url,
      BIOT_SERVICE_USER_ID: SERVICE_USER_ID,
      BIOT_SERVICE_USER_SECRET_KEY: SERVICE_SECRET,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    const result = await handler(
      functionUrlEvent(await harness.emulator.buildEvent('INTERCEPTOR_PRE')),
      lambdaContext(),
    );
    expect(bodyOf(result)).toMatchObject({ code: 'INVALID_HOOK_RESULT', serviceName: 'named-plugin' });
    expect(testPlugin().name).toBe('test-plugin');
  });
});
