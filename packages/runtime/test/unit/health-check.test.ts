import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthCheckReport } from '../../src/event/health-check-event.js';
import { HEALTH_CHECK_EVENT } from '../../src/event/health-check-event.js';
import type { PluginHooks } from '../../src/hook-api/hooks.js';
import { LOGIN, PUBLIC_KEY } from '../support/biot-routes.js';
import { captureLogs } from '../support/captured-logs.js';
import { functionUrlEvent } from '../support/function-url-events.js';
import {
  bodyOf,
  type Harness,
  lambdaContext,
  SERVICE_SECRET,
  startHarness,
  trackCalls,
} from '../support/plugin-harness.js';

/** Hooks of this test's own that record that they ran: a health check must run none of them. */
const ran: string[] = [];
const recordingHooks: Partial<PluginHooks> = {
  notification: () => {
    ran.push('notification');
  },
  scheduled: async (_event, { biot }) => {
    ran.push('scheduled');
    await biot.search('/organization/v1/users/patients', { limit: 1 });
    return { scheduled: true };
  },
};

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ hooks: recordingHooks });
});
afterAll(() => harness.close());

const reportOf = (result: { body?: string }) => JSON.parse(result.body ?? 'null') as HealthCheckReport;

describe('the health check, a direct invocation of {"biotPluginHealthCheck": 1}', () => {
  it('reads the secret, fetches BioT’s key and logs in, answering 200 with a report per step and running no hook', async () => {
    ran.length = 0;
    const handler = harness.coldStart();
    const calls = trackCalls(harness.emulator);

    const result = await handler({ ...HEALTH_CHECK_EVENT }, lambdaContext());

    expect(result.statusCode).toBe(200);
    const report = reportOf(result);
    expect(report).toEqual({
      biotPluginHealthCheck: 1,
      ok: true,
      steps: [
        { name: 'secret', ok: true, ms: expect.any(Number), message: 'BIOT_SERVICE_USER_SECRET_KEY' },
        {
          name: 'publicKey',
          ok: true,
          ms: expect.any(Number),
          message: `fetched from ${harness.emulator.url}`,
        },
        {
          name: 'login',
          ok: true,
          ms: expect.any(Number),
          message: expect.stringContaining('logged in as service user'),
        },
      ],
    });
    expect(ran).toEqual([]);
    expect(calls.to(PUBLIC_KEY)).toBe(1);
    expect(calls.to(LOGIN)).toBe(1);
  });

  it('checks afresh each time: a warm container fetches the key and logs in again', async () => {
    const handler = harness.coldStart();
    await handler({ ...HEALTH_CHECK_EVENT }, lambdaContext());
    const calls = trackCalls(harness.emulator);

    await handler({ ...HEALTH_CHECK_EVENT }, lambdaContext());

    expect(calls.to(PUBLIC_KEY)).toBe(1);
    expect(calls.to(LOGIN)).toBe(1);
  });

  it('reports a login BioT refuses with 503, the upstream status and code, and never the secret or a token', async () => {
    const wrongSecret = 'a-wrong-secret-that-must-not-be-echoed';
    const handler = harness.coldStart({ BIOT_SERVICE_USER_SECRET_KEY: wrongSecret });

    const result = await handler({ ...HEALTH_CHECK_EVENT }, lambdaContext());

    expect(result.statusCode).toBe(503);
    const report = reportOf(result);
    expect(report.ok).toBe(false);
    expect(report.steps.map((s) => [s.name, s.ok])).toEqual([
      ['secret', true],
      ['publicKey', true],
      ['login', false],
    ]);
    expect(report.steps[2]).toMatchObject({
      code: 'SERVICE_LOGIN_FAILED',
      details: { upstreamStatus: expect.any(Number) },
    });
    expect(result.body).not.toContain(wrongSecret);
    expect(result.body).not.toContain(SERVICE_SECRET);
  });

  it('says the secret is not configured, and skips the login that needs it', async () => {
    const handler = harness.coldStart({ BIOT_SERVICE_USER_SECRET_KEY: '' });

    const report = reportOf(await handler({ ...HEALTH_CHECK_EVENT }, lambdaContext()));

    expect(report.steps[0]).toMatchObject({ name: 'secret', ok: false, code: 'PLUGIN_MISCONFIGURED' });
    expect(report.steps[1]).toMatchObject({ name: 'publicKey', ok: true });
    expect(report.steps[2]).toMatchObject({ name: 'login', ok: false, code: 'SKIPPED' });
  });

  it('names the stack’s placeholder in the secret, without a login attempt', async () => {
    const handler = harness.coldStart({
      BIOT_SERVICE_USER_SECRET_KEY: JSON.stringify({ keyId: 'NOT_SET', secretKey: 'placeholder' }),
    });
    const calls = trackCalls(harness.emulator);

    const report = reportOf(await handler({ ...HEALTH_CHECK_EVENT }, lambdaContext()));

    expect(report.steps[0]).toMatchObject({
      name: 'secret',
      ok: false,
      code: 'SECRET_UNAVAILABLE',
      details: { placeholder: true },
    });
    expect(report.steps[0]?.message).toContain('pnpm ops secret-set');
    expect(calls.to(LOGIN)).toBe(0);
  });

  it('reports an unreachable BioT on the key and login steps', async () => {
    const handler = harness.coldStart({ BIOT_BASE_URL: 'http://127.0.0.1:9', BIOT_HTTP_RETRY_LIMIT: '0' });

    const report = reportOf(await handler({ ...HEALTH_CHECK_EVENT }, lambdaContext()));

    expect(report.steps[1]).toMatchObject({ name: 'publicKey', ok: false, code: 'BIOT_UNREACHABLE' });
    expect(report.steps[2]).toMatchObject({ name: 'login', ok: false, code: 'BIOT_UNREACHABLE' });
  });

  it('imports a fixed BIOT_PUBLIC_KEY instead of asking BioT', async () => {
    const handler = harness.coldStart({ BIOT_PUBLIC_KEY: harness.emulator.publicKey });
    const calls = trackCalls(harness.emulator);

    const report = reportOf(await handler({ ...HEALTH_CHECK_EVENT }, lambdaContext()));

    expect(report.steps[1]).toMatchObject({ name: 'publicKey', ok: true });
    expect(report.steps[1]?.message).toContain('BIOT_PUBLIC_KEY');
    expect(calls.to(PUBLIC_KEY)).toBe(0);
  });

  it.each([
    ['another version', { biotPluginHealthCheck: 2 }],
    ['a string', { biotPluginHealthCheck: '1' }],
    ['more keys', { biotPluginHealthCheck: 1, source: 'aws.scheduler' }],
  ])(
    'refuses the reserved key with %s (400 INVALID_EVENT) instead of running the scheduled hook',
    async (_, event) => {
      ran.length = 0;
      const result = await harness.handler(event, lambdaContext());

      expect(result.statusCode).toBe(400);
      expect(bodyOf(result)).toMatchObject({ code: 'INVALID_EVENT' });
      expect(String(bodyOf(result).message)).toContain('{"biotPluginHealthCheck":1}');
      expect(ran).toEqual([]);
    },
  );

  it('is no health check through the Function URL: without hooktype it is refused like any call', async () => {
    const calls = trackCalls(harness.emulator);

    const result = await harness.handler(
      functionUrlEvent({ body: JSON.stringify(HEALTH_CHECK_EVENT) }),
      lambdaContext(),
    );

    expect(result.statusCode).toBe(403);
    expect(bodyOf(result).code).toBe('SCHEDULED_VIA_URL_DISABLED');
    expect(calls.to(LOGIN)).toBe(0);
  });

  it('is no health check through the Function URL with a hooktype either: the body is checked as that event', async () => {
    const result = await harness.handler(
      functionUrlEvent({ headers: { hooktype: 'NOTIFICATION' }, body: JSON.stringify(HEALTH_CHECK_EVENT) }),
      lambdaContext(),
    );

    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).code).toBe('INVALID_EVENT');
  });

  it('leaves the scheduler’s direct invocation to the scheduled hook, as before', async () => {
    ran.length = 0;
    const result = await harness.handler(
      { scheduleArn: 'arn:aws:scheduler:eu-central-1:123456789012:schedule/default/s', scheduledTime: 'now' },
      lambdaContext(),
    );

    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ scheduled: true });
    expect(ran).toEqual(['scheduled']);
  });
});

describe('the health check’s log', () => {
  const logs = captureLogs();

  it('logs the report, with no secret or token in any line', async () => {
    const handler = harness.coldStart({ POWERTOOLS_LOG_LEVEL: 'INFO' });

    await handler({ ...HEALTH_CHECK_EVENT }, lambdaContext());

    const entry = logs.entries().find((e) => e.message === 'Health check passed');
    expect(entry?.healthCheck).toMatchObject({ ok: true });
    expect(logs.lines().join('\n')).not.toContain(SERVICE_SECRET);
  });
});
