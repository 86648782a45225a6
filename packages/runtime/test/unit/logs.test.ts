import {
  bearerTokens,
  type RecordingProxy,
  startRecordingProxy,
} from '@biot-plugin/test-support/recording-proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PluginHooks } from '../../src/hook-api/hooks.js';
import { captureLogs } from '../support/captured-logs.js';
import { functionUrlEvent, TRACE_ID, TRACEPARENT } from '../support/function-url-events.js';
import { type Harness, lambdaContext, SERVICE_SECRET, startHarness } from '../support/plugin-harness.js';
import { testHooks } from '../support/test-plugin.js';

/**
 * Runs every path of the pipeline with logging at DEBUG and checks that no line carries a
 * token, the service secret or an authorization header, and that each line carries the trace id
 * of its own invocation.
 */
const logs = captureLogs();
let harness: Harness;
let proxy: RecordingProxy;

beforeAll(async () => {
  harness = await startHarness({ env: { POWERTOOLS_LOG_LEVEL: 'DEBUG' } });
  proxy = await startRecordingProxy(harness.emulator.url);
});
afterAll(async () => {
  await proxy.close();
  await harness.close();
});

/** A careless hook author: logs whole events, which hold BioT's and the end user's tokens. */
const carelessHooks: PluginHooks = {
  ...testHooks,
  notification: async (event, context) => {
    context.logger.debug('received', { event });
    await testHooks.notification(event, context);
  },
  preRequest: (event, context) => {
    context.logger.info(`headers: ${JSON.stringify(event.headers)}`);
    return testHooks.preRequest(event, context);
  },
};

describe('what reaches the log', () => {
  it('never holds a token, the secret or an authorization header, on any path', async () => {
    // BioT calls go through a recording proxy, so the test learns the service tokens sent.
    const handler = harness.coldStart({ BIOT_BASE_URL: proxy.url }, carelessHooks);
    const inboundTokens: string[] = [];
    for (const type of [
      'NOTIFICATION',
      'INTERCEPTOR_PRE',
      'INTERCEPTOR_POST',
      'INTERCEPTOR_POST_ENTITY',
      'NONSPECIFIC',
    ] as const) {
      const event = await harness.emulator.buildEvent(type);
      inboundTokens.push(...(event.body.match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g) ?? []));
      inboundTokens.push(...(event.headers.authorization?.match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g) ?? []));
      // A call without hooktype through the URL is refused (scheduled jobs run on direct invocation).
      const expected = type === 'NONSPECIFIC' ? 403 : 200;
      expect((await handler(functionUrlEvent(event), lambdaContext())).statusCode).toBe(expected);
    }
    const expired = await harness.emulator.signEventToken({ expiresInSeconds: -600 });
    inboundTokens.push(expired);
    await handler(
      functionUrlEvent(await harness.emulator.buildEvent('INTERCEPTOR_PRE', { token: expired })),
      lambdaContext(),
    );
    await handler(
      functionUrlEvent({
        headers: { hooktype: 'NOTIFICATION' },
        body: '{"jwt": "eyJhbGciOiJub25lIn0.e30."}',
      }),
      lambdaContext(),
    );
    const wrongSecret = harness.coldStart(
      { BIOT_SERVICE_USER_SECRET_KEY: 'wrong-secret-value' },
      carelessHooks,
    );
    await wrongSecret(functionUrlEvent(await harness.emulator.buildEvent('NOTIFICATION')), lambdaContext());

    const text = logs.lines().join('');
    expect(logs.entries().length).toBeGreaterThan(10);
    const serviceTokens = bearerTokens(proxy);
    expect(serviceTokens.length, 'service tokens seen').toBeGreaterThan(0);
    for (const secret of [SERVICE_SECRET, 'wrong-secret-value', ...inboundTokens, ...serviceTokens]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    expect(text).not.toMatch(/bearer\s+(?!\[REDACTED\])/i);
  });

  it('puts this invocation’s trace id, the app name and the environment on every line', async () => {
    const handler = harness.coldStart({}, carelessHooks);
    await handler(
      functionUrlEvent(await harness.emulator.buildEvent('NOTIFICATION', { traceparent: TRACEPARENT })),
      lambdaContext(),
    );
    await handler(functionUrlEvent(await harness.emulator.buildEvent('NOTIFICATION')), lambdaContext());
    const entries = logs.entries().filter((entry) => entry.traceId !== undefined);
    const first = entries.filter((entry) => entry.traceId === TRACE_ID);
    const second = entries.filter((entry) => entry.traceId !== TRACE_ID);
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(second.length).toBeGreaterThanOrEqual(2);
    for (const entry of entries) expect(entry).toMatchObject({ appName: 'test-plugin', environment: 'test' });
  });

  it('keeps a hook’s attributes whose value is null or empty, as the hook logged them', async () => {
    const handler = harness.coldStart(
      {},
      {
        ...testHooks,
        notification: async (event, context) => {
          context.logger.info('looked the patient up', { patient: null, note: '', count: 0, found: false });
          context.logger.warn({ message: 'no device', device: null });
          await testHooks.notification(event, context);
        },
      },
    );

    await handler(functionUrlEvent(await harness.emulator.buildEvent('NOTIFICATION')), lambdaContext());

    const entries = logs.entries();
    expect(entries.find((entry) => entry.message === 'looked the patient up')).toMatchObject({
      patient: null,
      note: '',
      count: 0,
      found: false,
    });
    expect(entries.find((entry) => entry.message === 'no device')).toMatchObject({ device: null });
    expect(logs.lines().join('')).not.toContain('biot-plugin:');
  });

  it('warns once per cold start when JWT validation is off', async () => {
    const handler = harness.coldStart({ BIOT_SHOULD_VALIDATE_JWT: 'false' });
    await handler(functionUrlEvent(await harness.emulator.buildEvent('NOTIFICATION')), lambdaContext());
    await handler(functionUrlEvent(await harness.emulator.buildEvent('NOTIFICATION')), lambdaContext());
    const warnings = logs
      .entries()
      .filter((entry) => String(entry.message).includes('BIOT_SHOULD_VALIDATE_JWT'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.level).toBe('WARN');
  });

  it('logs an unexpected failure with its stack', async () => {
    const handler = harness.coldStart(
      {},
      {
        ...testHooks,
        postRequest: () => {
          throw new TypeError('hook bug');
        },
      },
    );
    await handler(functionUrlEvent(await harness.emulator.buildEvent('INTERCEPTOR_POST')), lambdaContext());
    const failure = logs.entries().find((entry) => entry.message === 'Event failed');
    expect(failure?.level).toBe('ERROR');
    expect(JSON.stringify(failure?.error)).toContain('hook bug');
    expect((failure?.error as { stack?: string } | undefined)?.stack).toContain('TypeError');
  });
});
