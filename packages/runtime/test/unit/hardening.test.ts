import { bearerTokens, startRecordingProxy } from '@biot-plugin/test-support/recording-proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBiotErrorBody } from '../support/biot-error-body.js';
import { PUBLIC_KEY } from '../support/biot-routes.js';
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
import { PATIENTS } from '../support/test-plugin.js';

const logs = captureLogs();
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

const notificationEvent = async (token?: string) =>
  functionUrlEvent(await harness.emulator.buildEvent('NOTIFICATION', token === undefined ? {} : { token }));
const preEvent = async () => functionUrlEvent(await harness.emulator.buildEvent('INTERCEPTOR_PRE'));

describe('a hook that does not finish', () => {
  it('is answered 504 HOOK_TIMEOUT in BioT’s format before the Lambda’s deadline, and logged with its hook', async () => {
    const handler = harness.coldStart(
      { POWERTOOLS_LOG_LEVEL: 'INFO' },
      { preRequest: () => new Promise(() => {}) },
    );
    const startedAt = Date.now();
    const result = await handler(await preEvent(), lambdaContext(1_000));
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(result.statusCode).toBe(504);
    expectBiotErrorBody(result);
    expect(bodyOf(result)).toMatchObject({ code: 'HOOK_TIMEOUT', details: { hook: 'preRequest' } });
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        message: 'Event failed',
        hook: 'preRequest',
        code: 'HOOK_TIMEOUT',
        statusCode: 504,
      }),
    );
  });

  it('has its signal aborted at that moment, so its own calls can stop', async () => {
    let signal: AbortSignal | undefined;
    const handler = harness.coldStart(
      {},
      {
        preRequest: (_event, context) => {
          signal = context.signal;
          return new Promise(() => {});
        },
      },
    );
    await handler(await preEvent(), lambdaContext(600));
    expect(signal?.aborted).toBe(true);
  });

  it('leaves a hook that finishes in time alone, its signal never aborted', async () => {
    let signal: AbortSignal | undefined;
    const handler = harness.coldStart(
      {},
      {
        preRequest: (event, context) => {
          signal = context.signal;
          return event.body.request;
        },
      },
    );
    expect((await handler(await preEvent(), lambdaContext(600))).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(signal?.aborted).toBe(false);
  });
});

describe('an answer larger than a Function URL can return', () => {
  it('is answered 500 RESPONSE_TOO_LARGE instead of AWS’s bare 502', async () => {
    const handler = harness.coldStart(
      {},
      {
        adaptEntity: (event) => ({
          ...event.body.response,
          entities: [{ blob: 'x'.repeat(7 * 1024 * 1024) }],
        }),
      },
    );
    const result = await handler(
      functionUrlEvent(await harness.emulator.buildEvent('INTERCEPTOR_POST_ENTITY')),
      lambdaContext(),
    );
    expect(result.statusCode).toBe(500);
    expect(bodyOf(result)).toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
  });

  it('lets an answer just under the limit through', async () => {
    const handler = harness.coldStart(
      {},
      {
        adaptEntity: (event) => ({
          ...event.body.response,
          entities: [{ blob: 'x'.repeat(5 * 1024 * 1024) }],
        }),
      },
    );
    const result = await handler(
      functionUrlEvent(await harness.emulator.buildEvent('INTERCEPTOR_POST_ENTITY')),
      lambdaContext(),
    );
    expect(result.statusCode).toBe(200);
  });
});

describe('personal data and secrets', () => {
  it('names schema paths in a 400, never the keys of the event', async () => {
    const event = await harness.emulator.buildEvent('INTERCEPTOR_PRE');
    const body = JSON.parse(event.body) as { request: { headers: Record<string, unknown> } };
    body.request.headers['Dana Cohen 123456782'] = 42;
    const result = await harness.handler(
      functionUrlEvent({ headers: event.headers, body: JSON.stringify(body) }),
      lambdaContext(),
    );
    expect(result.statusCode).toBe(400);
    expect(result.body).not.toContain('Dana');
    expect(bodyOf(result).details).toEqual({ fields: ['request.headers.*'] });
  });

  it('passes BioT’s error code on only when it looks like a code', async () => {
    const handler = harness.coldStart(
      {},
      {
        notification: async (_event, { biot }) => {
          await biot.getEntity(PATIENTS, 'no-such-patient');
        },
      },
    );
    harness.emulator.injectFault({
      route: 'GET /organization/v1/users/patients/{id}',
      status: 404,
      body: { code: 'patient Dana Cohen 123456782 not found' },
      times: 1,
    });
    const result = await handler(await notificationEvent(), lambdaContext());
    expect(result.statusCode).toBe(502);
    expect(result.body).not.toContain('Dana');
    expect(bodyOf(result).details).toEqual({
      upstreamStatus: 404,
      route: 'GET /organization/v1/users/patients/{id}',
    });
  });

  it('scrubs the service secret and BioT’s access token from a log line by value', async () => {
    const proxy = await startRecordingProxy(harness.emulator.url);
    const handler = harness.coldStart(
      { POWERTOOLS_LOG_LEVEL: 'INFO', BIOT_BASE_URL: proxy.url },
      {
        notification: async (_event, { biot, logger }) => {
          const answer = await biot.request<{ data: unknown[] }>('GET', PATIENTS, {
            searchParams: { searchRequest: '{"limit":1}' },
          });
          logger.info(`login with ${SERVICE_SECRET} gave ${answer.data.length}`);
          const [accessToken] = bearerTokens(proxy);
          logger.info('token', { note: `used ${accessToken}` });
        },
      },
    );
    expect((await handler(await notificationEvent(), lambdaContext())).statusCode).toBe(200);
    const text = logs.lines().join('');
    expect(text).toContain('login with [REDACTED] gave 1');
    expect(text).not.toContain(SERVICE_SECRET);
    const tokens = bearerTokens(proxy);
    await proxy.close();
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) expect(text).not.toContain(token);
    expect(text).toContain('used [REDACTED]');
  });

  it('logs a hook’s error by name, message, stack and code only, not the data it carries', async () => {
    const handler = harness.coldStart(
      { POWERTOOLS_LOG_LEVEL: 'INFO' },
      {
        notification: () => {
          throw Object.assign(new Error('could not sync'), {
            code: 'SYNC_FAILED',
            entity: { _nationalId: '123456782' },
          });
        },
      },
    );
    const result = await handler(await notificationEvent(), lambdaContext());
    expect(result.statusCode).toBe(500);
    const failure = logs.entries().find((entry) => entry.message === 'Event failed');
    expect(failure?.error).toMatchObject({ name: 'Error', message: 'could not sync', code: 'SYNC_FAILED' });
    expect(JSON.stringify(failure)).not.toContain('123456782');
  });
});

describe('configuration mistakes', () => {
  it('answer 500 PLUGIN_MISCONFIGURED naming BIOT_BASE_URL when it is missing', async () => {
    const handler = harness.coldStart({ BIOT_BASE_URL: '' });
    const result = await handler(await notificationEvent(), lambdaContext());
    expect(result.statusCode).toBe(500);
    expect(bodyOf(result)).toMatchObject({
      code: 'PLUGIN_MISCONFIGURED',
      message: 'BIOT_BASE_URL is not set',
    });
  });

  it.each([
    ['BIOT_HTTP_TIMEOUT_MS', 'soon'],
    ['BIOT_HTTP_RETRY_LIMIT', '-1'],
    ['BIOT_SECRET_MAX_AGE_SECONDS', '1.5'],
    ['BIOT_BASE_URL', 'not a url'],
    ['BIOT_IDEMPOTENCY_TABLE', 'no spaces allowed'],
    ['BIOT_IDEMPOTENCY_TABLE', 'ab'],
  ])(
    'answer 500 PLUGIN_MISCONFIGURED naming %s when it is %j, instead of a silent default',
    async (name, value) => {
      const handler = harness.coldStart({ [name]: value });
      const result = await handler(await notificationEvent(), lambdaContext());
      expect(result.statusCode).toBe(500);
      expect(bodyOf(result).code).toBe('PLUGIN_MISCONFIGURED');
      expect(String(bodyOf(result).message)).toContain(name);
    },
  );
});

describe('BioT’s key', () => {
  it('is not fetched for a token that is not even a well-formed RS512 JWS', async () => {
    const handler = harness.coldStart();
    const calls = trackCalls(harness.emulator);
    for (const junk of ['junk', 'a.b.c', 'eyJhbGciOiJSUzUxMiJ9.e30.c2ln', 'eyJhbGciOiJub25lIn0.e30.']) {
      const result = await handler(await notificationEvent(junk), lambdaContext());
      expect(result.statusCode).toBe(401);
    }
    expect(calls.to(PUBLIC_KEY)).toBe(0);
  });

  it('is fetched with backoff after a failure, so junk during a BioT outage does not multiply calls', async () => {
    const now = Date.now();
    const handler = harness.coldStart({}, undefined, () => now);
    harness.emulator.injectFault({ route: PUBLIC_KEY, status: 503, times: Number.POSITIVE_INFINITY });
    try {
      const calls = trackCalls(harness.emulator);
      const token = await harness.emulator.signEventToken({ scopes: ['ACTION_NOTIFICATION'] });
      const results = [];
      for (let i = 0; i < 5; i++)
        results.push((await handler(await notificationEvent(token), lambdaContext())).statusCode);
      expect(results).toEqual([503, 503, 503, 503, 503]);
      expect(calls.to(PUBLIC_KEY)).toBe(1 + 2); // the first call and its retries, then none while backing off
    } finally {
      harness.emulator.reset();
    }
  });

  it('is fetched again once it is older than BIOT_PUBLIC_KEY_MAX_AGE_SECONDS', async () => {
    let now = Date.now();
    const handler = harness.coldStart({ BIOT_PUBLIC_KEY_MAX_AGE_SECONDS: '600' }, undefined, () => now);
    const calls = trackCalls(harness.emulator);
    expect((await handler(await notificationEvent(), lambdaContext())).statusCode).toBe(200);
    now += 300_000;
    await handler(await notificationEvent(), lambdaContext());
    expect(calls.to(PUBLIC_KEY)).toBe(1);
    now += 301_000;
    await handler(await notificationEvent(), lambdaContext());
    expect(calls.to(PUBLIC_KEY)).toBe(2);
  });
});

describe('repeated notifications', () => {
  const counting = () => {
    const runs: string[] = [];
    const handler = harness.coldStart(
      {},
      {
        notification: (event) => {
          runs.push(event.body.metadata.actionName);
        },
      },
    );
    return { runs, handler };
  };

  it('runs an exact repeat (same token, same body) once, answering both 200', async () => {
    const { runs, handler } = counting();
    const event = await harness.emulator.buildEvent('NOTIFICATION');
    const first = await handler(functionUrlEvent(event), lambdaContext());
    const again = await handler(functionUrlEvent(event), lambdaContext());
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(runs).toHaveLength(1);
  });

  it('runs a different body under the same token as usual: a token alone never marks an event as seen', async () => {
    const { runs, handler } = counting();
    const token = await harness.emulator.signEventToken({ scopes: ['ACTION_NOTIFICATION'] });
    const created = await harness.emulator.buildEvent('NOTIFICATION', { token });
    const updatedBody = JSON.parse(created.body) as { metadata: { actionName: string } };
    updatedBody.metadata.actionName = '_update';
    const updated = await harness.emulator.buildEvent('NOTIFICATION', { token, body: updatedBody });
    await handler(functionUrlEvent(created), lambdaContext());
    await handler(functionUrlEvent(updated), lambdaContext());
    expect(runs).toEqual(['_create', '_update']);
  });

  it('runs a repeat of a token that expired moments ago once: the check holds as long as the token is accepted', async () => {
    const { runs, handler } = counting();
    const token = await harness.emulator.signEventToken({
      scopes: ['ACTION_NOTIFICATION'],
      expiresInSeconds: -5,
    });
    const event = await harness.emulator.buildEvent('NOTIFICATION', { token });

    const answers = [
      await handler(functionUrlEvent(event), lambdaContext()),
      await handler(functionUrlEvent(event), lambdaContext()),
    ];

    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200]);
    expect(runs).toHaveLength(1);
  });

  it('answers a duplicate that arrives while the event still runs 409 NOTIFICATION_IN_PROGRESS, and runs it once', async () => {
    let runs = 0;
    let release: () => void = () => {};
    const handler = harness.coldStart(
      {},
      {
        notification: () => {
          runs += 1;
          return new Promise<void>((resolve) => {
            release = resolve;
          });
        },
      },
    );
    const event = await harness.emulator.buildEvent('NOTIFICATION');

    const first = handler(functionUrlEvent(event), lambdaContext());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const duplicate = await handler(functionUrlEvent(event), lambdaContext());
    release();

    expect(duplicate.statusCode).toBe(409);
    expectBiotErrorBody(duplicate);
    expect(bodyOf(duplicate).code).toBe('NOTIFICATION_IN_PROGRESS');
    expect((await first).statusCode).toBe(200);
    expect(runs).toBe(1);
  });

  it('runs an exact repeat again when the first run failed: a failure is never answered as handled', async () => {
    let attempts = 0;
    const handler = harness.coldStart(
      {},
      {
        notification: () => {
          attempts += 1;
          if (attempts === 1) throw new Error('the hook failed');
        },
      },
    );
    const event = await harness.emulator.buildEvent('NOTIFICATION');

    const failed = await handler(functionUrlEvent(event), lambdaContext());
    const retried = await handler(functionUrlEvent(event), lambdaContext());
    const repeated = await handler(functionUrlEvent(event), lambdaContext());

    expect([failed.statusCode, retried.statusCode, repeated.statusCode]).toEqual([500, 200, 200]);
    expect(attempts).toBe(2);
  });
});
