import {
  bearerTokens,
  type RecordingProxy,
  startRecordingProxy,
} from '@biot-plugin/test-support/recording-proxy';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionUrlResult } from '../../src/event/function-url-event.js';
import type { PluginHandler } from '../../src/pipeline/create-handler.js';
import { expectBiotErrorBody } from '../support/biot-error-body.js';
import { captureLogs } from '../support/captured-logs.js';
import { functionUrlEvent } from '../support/function-url-events.js';
import { type Harness, lambdaContext, SERVICE_SECRET, startHarness } from '../support/plugin-harness.js';

/**
 * Whatever arrives at the Function URL, the handler answers with a well-formed response, a BioT
 * error body whenever it is not a 2xx, never throws, and never lets a secret or a token out.
 */
const logs = captureLogs();
let harness: Harness;
let proxy: RecordingProxy;
let handler: PluginHandler;
let validTokens: { notification: string; interceptor: string; expired: string };

beforeAll(async () => {
  harness = await startHarness({ env: { POWERTOOLS_LOG_LEVEL: 'DEBUG' } });
  proxy = await startRecordingProxy(harness.emulator.url);
  handler = harness.coldStart({ BIOT_BASE_URL: proxy.url });
  validTokens = {
    notification: await harness.emulator.signEventToken({ scopes: ['ACTION_NOTIFICATION'] }),
    interceptor: await harness.emulator.signEventToken({ scopes: ['PLUGIN_INTERCEPTOR'] }),
    expired: await harness.emulator.signEventToken({ expiresInSeconds: -100 }),
  };
});
afterAll(async () => {
  await proxy.close();
  await harness.close();
});

const hookTypes = fc.oneof(
  fc.constantFrom('NOTIFICATION', 'INTERCEPTOR_PRE', 'INTERCEPTOR_POST', 'INTERCEPTOR_POST_ENTITY'),
  fc.string({ maxLength: 20 }),
  fc.constant(undefined),
);

function tokens() {
  return fc.oneof(
    fc.constantFrom(validTokens.notification, validTokens.interceptor, validTokens.expired),
    fc.string({ maxLength: 60 }),
    fc.constant(undefined),
  );
}

/** Bodies from plausible to absurd: BioT's own shapes with fields dropped, arbitrary JSON, text. */
function bodies(token: string | undefined) {
  const shaped = fc
    .record(
      {
        metadata: fc.oneof(
          fc.record({ entityTypeName: fc.string(), actionName: fc.string() }),
          fc.jsonValue(),
        ),
        data: fc.oneof(fc.record({ entity: fc.record({ _id: fc.string() }) }), fc.jsonValue()),
        request: fc.oneof(
          fc.record({
            path: fc.string(),
            queryParameters: fc.dictionary(fc.string(), fc.array(fc.string())),
            headers: fc.dictionary(fc.string(), fc.string()),
          }),
          fc.jsonValue(),
        ),
        response: fc.oneof(fc.record({ entities: fc.array(fc.object()) }), fc.jsonValue()),
        method: fc.string(),
        apiId: fc.string(),
      },
      { requiredKeys: [] },
    )
    .map((body) => JSON.stringify(token === undefined ? body : { ...body, jwt: token }));
  return fc.oneof(
    shaped,
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.string(),
    fc.constant(''),
    fc.constant(null),
  );
}

function functionUrlEvents() {
  return fc
    .record({
      hooktype: hookTypes,
      token: tokens(),
      traceparent: fc.option(fc.string({ maxLength: 80 })),
      base64: fc.boolean(),
    })
    .chain(({ hooktype, token, traceparent, base64 }) =>
      fc.record({
        hooktype: fc.constant(hooktype),
        token: fc.constant(token),
        body: bodies(token),
        extraHeaders: fc.dictionary(
          fc.string({ minLength: 1, maxLength: 20 }),
          fc.string({ maxLength: 40 }),
          {
            maxKeys: 4,
          },
        ),
        traceparent: fc.constant(traceparent),
        base64: fc.constant(base64),
      }),
    )
    .map(({ hooktype, token, body, extraHeaders, traceparent, base64 }) => {
      const headers: Record<string, string> = { ...extraHeaders };
      if (hooktype !== undefined) headers.hooktype = hooktype;
      if (token !== undefined) headers.authorization = `Bearer ${token}`;
      if (traceparent !== null) headers.traceparent = traceparent;
      const encoded = base64 && body !== null ? Buffer.from(body).toString('base64') : body;
      return { event: functionUrlEvent({ headers, body: encoded, isBase64Encoded: base64 }), token };
    });
}

function assertWellFormed(result: FunctionUrlResult): void {
  expect(Number.isInteger(result.statusCode)).toBe(true);
  expect(result.statusCode).toBeGreaterThanOrEqual(200);
  expect(result.statusCode).toBeLessThan(600);
  for (const value of Object.values(result.headers)) expect(typeof value).toBe('string');
  expect(result.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/);
  if (result.body !== undefined) expect(typeof result.body).toBe('string');
  if (result.statusCode >= 300) expectBiotErrorBody(result);
}

describe('the handler, for any input', () => {
  it('answers well-formed, in BioT’s error format when not 2xx, and never leaks a secret or token', async () => {
    await fc.assert(
      fc.asyncProperty(functionUrlEvents(), async ({ event, token }) => {
        const result = await handler(event, lambdaContext());
        assertWellFormed(result);
        const answer = JSON.stringify(result);
        expect(answer).not.toContain(SERVICE_SECRET);
        if (token && token.length > 20) expect(result.statusCode >= 300 ? answer : '').not.toContain(token);
      }),
      { numRuns: 300 },
    );
    const logText = logs.lines().join('');
    for (const secret of [SERVICE_SECRET, ...Object.values(validTokens), ...bearerTokens(proxy)]) {
      expect(logText).not.toContain(secret);
    }
  });

  it('never throws on direct invocations of any shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (event) => {
        assertWellFormed(await handler(event, lambdaContext()));
      }),
      { numRuns: 100 },
    );
  });
});
