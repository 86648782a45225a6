import { seedPatients } from '@biot-plugin/biot-emulator';
import { PLUGIN_METRICS } from '@biot-plugin/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { PluginHooks } from '../../src/hook-api/hooks.js';
import { createHandler } from '../../src/pipeline/create-handler.js';
import { GET_PATIENT, LOGIN, PUBLIC_KEY } from '../support/biot-routes.js';
import { captureMetrics, type EmittedMetric } from '../support/captured-metrics.js';
import { functionUrlEvent } from '../support/function-url-events.js';
import {
  type Harness,
  lambdaContext,
  SERVICE_SECRET,
  SERVICE_USER_ID,
  startHarness,
} from '../support/plugin-harness.js';
import { PATIENTS, testHooks, testPlugin } from '../support/test-plugin.js';

/** The dimension set of each metric, as the stack's dashboard and alarms query it (PLUGIN_METRICS). */
const DIMENSION_SETS: Record<string, string[]> = {
  Invocations: ['Plugin', 'Environment', 'HookType'],
  Answers: ['Plugin', 'Environment', 'HookType', 'Outcome'],
  Errors: ['Plugin', 'Environment', 'HookType'],
  Duration: ['Plugin', 'Environment', 'HookType'],
  BiotCalls: ['Plugin', 'Environment', 'Route', 'StatusClass'],
  BiotCallLatency: ['Plugin', 'Environment', 'Route'],
  BiotCallsTotal: ['Plugin', 'Environment'],
  BiotCallErrors: ['Plugin', 'Environment'],
  ColdStarts: ['Plugin', 'Environment'],
  TokenRefusals: ['Plugin', 'Environment', 'Code'],
  TokenRefusalsTotal: ['Plugin', 'Environment'],
};

const captured = captureMetrics();
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ metrics: true });
});
afterAll(() => harness.close());

/** The one metric of that name and those dimension values, or a failure that shows what was written. */
function metric(name: string, dimensions: Record<string, string> = {}): EmittedMetric {
  const found = captured
    .metrics()
    .filter(
      (m) =>
        m.name === name && Object.entries(dimensions).every(([key, value]) => m.dimensions[key] === value),
    );
  expect(
    found,
    `${name} ${JSON.stringify(dimensions)} in ${JSON.stringify(captured.metrics())}`,
  ).toHaveLength(1);
  return found[0] as EmittedMetric;
}

function names(): string[] {
  return captured.metrics().map((m) => m.name);
}

/** A handler as `lambdaHandler` builds it in a container, with hooks and Lambda's environment. */
function container(hooks: Partial<PluginHooks> = testHooks, env: NodeJS.ProcessEnv = {}) {
  return createHandler({
    config: loadConfig({
      BIOT_BASE_URL: harness.emulator.url,
      BIOT_SERVICE_USER_ID: SERVICE_USER_ID,
      BIOT_SERVICE_USER_SECRET_KEY: SERVICE_SECRET,
      BIOT_APP_NAME: 'test-plugin',
      BIOT_SERVICE_ENVIRONMENT: 'test',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    }),
    plugin: testPlugin(hooks),
    env,
  });
}

async function send(
  handler: ReturnType<typeof container>,
  type: Parameters<Harness['invoke']>[0],
  options = {},
) {
  const event = await harness.emulator.buildEvent(type, options);
  return handler(functionUrlEvent(event), lambdaContext());
}

describe('the metrics of an invocation', () => {
  it('counts a notification by hook type and outcome, with its duration, in the namespace and sets of PLUGIN_METRICS', async () => {
    const result = await send(container(), 'NOTIFICATION');

    expect(result.statusCode).toBe(200);
    const base = { Plugin: 'test-plugin', Environment: 'test' };
    expect(metric('Invocations').dimensions).toEqual({ ...base, HookType: 'NOTIFICATION' });
    expect(metric('Invocations').values).toEqual([1]);
    expect(metric('Answers').dimensions).toEqual({ ...base, HookType: 'NOTIFICATION', Outcome: 'answered' });
    expect(metric('Errors').values).toEqual([0]);
    const duration = metric('Duration');
    expect(duration.unit).toBe('Milliseconds');
    expect(duration.values[0]).toBeGreaterThan(0);
    expect(duration.values[0]).toBeLessThan(5_000);
    for (const m of captured.metrics()) {
      expect(m.namespace).toBe(PLUGIN_METRICS.namespace);
      expect(m.dimensionSet, m.name).toEqual(DIMENSION_SETS[m.name]);
      expect(m.unit, m.name).toBe(
        m.name === 'Duration' || m.name === 'BiotCallLatency' ? 'Milliseconds' : 'Count',
      );
    }
  });

  it('counts each BioT call by route template and status class, with its latency and the totals', async () => {
    await send(container(), 'NOTIFICATION');

    for (const route of [PUBLIC_KEY, LOGIN, GET_PATIENT]) {
      expect(metric('BiotCalls', { Route: route, StatusClass: '2xx' }).values).toEqual([1]);
      const latency = metric('BiotCallLatency', { Route: route });
      expect(latency.values).toHaveLength(1);
      expect(latency.values[0]).toBeGreaterThan(0);
    }
    expect(metric('BiotCallsTotal').values).toEqual([3]);
    expect(metric('BiotCallErrors').values).toEqual([0]);
  });

  it('counts a cold start once per container, never for a warm invocation', async () => {
    const handler = container();
    await send(handler, 'NOTIFICATION');
    await send(handler, 'NOTIFICATION');

    expect(metric('ColdStarts').values).toEqual([1]);
    expect(names().filter((name) => name === 'Invocations')).toHaveLength(2);
  });

  it('counts no cold start for a container Lambda initialised ahead of traffic', async () => {
    await send(
      container(testHooks, { AWS_LAMBDA_INITIALIZATION_TYPE: 'provisioned-concurrency' }),
      'NOTIFICATION',
    );

    expect(names()).not.toContain('ColdStarts');
    expect(names()).toContain('Invocations');
  });

  it('keeps the metrics of overlapping invocations apart', async () => {
    const handler = container();
    await send(handler, 'NOTIFICATION');
    const warm = captured.metrics().length;
    const results = await Promise.all([send(handler, 'NOTIFICATION'), send(handler, 'NOTIFICATION')]);

    const written = captured.metrics().slice(warm);
    const traceIds = results.map((result) => result.headers?.traceparent?.split('-')[1]);
    for (const traceId of traceIds) {
      expect(written.filter((m) => m.name === 'Invocations' && m.traceId === traceId)).toHaveLength(1);
    }
    const calls = written.filter((m) => m.name === 'BiotCallsTotal').flatMap((m) => m.values);
    expect(calls.reduce((sum, value) => sum + value, 0)).toBe(2);
  });

  it('writes every metric of an invocation before the answer, once, with its trace id', async () => {
    const handler = container();
    const event = await harness.emulator.buildEvent('NOTIFICATION');
    const result = await handler(functionUrlEvent(event), lambdaContext());
    const written = captured.documents().length;
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(written).toBeGreaterThan(0);
    expect(captured.documents()).toHaveLength(written);
    const traceId = result.headers?.traceparent?.split('-')[1];
    expect(new Set(captured.metrics().map((m) => m.traceId))).toEqual(new Set([traceId]));
    const counted = names();
    expect(counted.filter((name) => name === 'Invocations')).toHaveLength(1);
    expect(counted.filter((name) => name === 'Answers')).toHaveLength(1);
  });

  it('writes the documents of an invocation in one write to stdout, one line each', async () => {
    await send(container(), 'NOTIFICATION');

    const writes = captured.lines().filter((chunk) => chunk.includes('"_aws"'));
    expect(writes).toHaveLength(1);
    const lines = (writes[0] as string).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(captured.documents().length);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('_aws.CloudWatchMetrics');
  });
});

describe('outcomes', () => {
  it('counts a hook’s block as blocked, not as an error or a token refusal', async () => {
    const event = await harness.emulator.buildEvent('INTERCEPTOR_PRE');
    const body = JSON.parse(event.body) as { method: string; request: { path: string } };
    body.method = 'DELETE';
    body.request.path = `${PATIENTS}/${crypto.randomUUID()}`;
    const result = await send(container(), 'INTERCEPTOR_PRE', { body });

    expect(result.statusCode).toBe(403);
    expect(metric('Answers').dimensions).toMatchObject({ HookType: 'INTERCEPTOR_PRE', Outcome: 'blocked' });
    expect(metric('Errors').values).toEqual([0]);
    expect(names()).not.toContain('TokenRefusals');
  });

  it('counts a hook that throws as an error with the code of its 500', async () => {
    const failing: Partial<PluginHooks> = {
      notification: () => {
        throw new Error('the hook broke');
      },
    };
    const result = await send(container(failing), 'NOTIFICATION');

    expect(result.statusCode).toBe(500);
    expect(metric('Errors', { HookType: 'NOTIFICATION' }).values).toEqual([1]);
    expect(metric('Answers').dimensions.Outcome).toBe('INTERNAL_SERVER_ERROR');
  });

  it('counts the scheduled hook as SCHEDULED', async () => {
    await container()({ source: 'aws.scheduler' }, lambdaContext());

    expect(metric('Answers').dimensions).toMatchObject({ HookType: 'SCHEDULED', Outcome: 'answered' });
  });

  it('counts a malformed event under the hook type its header names', async () => {
    const result = await send(container(), 'NOTIFICATION', { body: '{"metadata": ' });

    expect(result.statusCode).toBe(400);
    expect(metric('Answers').dimensions).toMatchObject({
      HookType: 'NOTIFICATION',
      Outcome: JSON.parse(result.body ?? '{}').code,
    });
  });

  it('counts a call refused before its hook type is known as UNKNOWN, whatever the header said', async () => {
    await send(container(), 'INTERCEPTOR_PRE', { headers: { hooktype: `BOGUS-${crypto.randomUUID()}` } });

    expect(metric('Answers').dimensions).toMatchObject({ HookType: 'UNKNOWN', Outcome: 'UNKNOWN_HOOK_TYPE' });
  });
});

describe('token refusals', () => {
  const forged = async () => ({
    token: await harness.emulator.signEventToken({ signWith: 'previous', claims: { tokenType: 'OTHER' } }),
  });

  it.each([
    [
      'JWT_EXPIRED',
      'NOTIFICATION',
      async () => ({ token: await harness.emulator.signEventToken({ expiresInSeconds: -3600 }) }),
    ],
    ['JWT_MISSING', 'INTERCEPTOR_PRE', async () => ({ headers: { authorization: undefined } })],
    ['JWT_INVALID', 'INTERCEPTOR_PRE', async () => ({ headers: { authorization: 'Bearer not.a.token' } })],
    ['JWT_TOKEN_TYPE_NOT_ALLOWED', 'NOTIFICATION', forged],
    ['SCHEDULED_VIA_URL_DISABLED', 'NONSPECIFIC', async () => ({})],
  ] as const)('counts %s by its code and in the total', async (code, type, options) => {
    const result = await send(container(), type, await options());

    expect(JSON.parse(result.body ?? '{}').code).toBe(code);
    expect(metric('TokenRefusals').dimensions).toEqual({
      Plugin: 'test-plugin',
      Environment: 'test',
      Code: code,
    });
    expect(metric('TokenRefusalsTotal').values).toEqual([1]);
    expect(metric('Answers').dimensions.Outcome).toBe(code);
  });
});

describe('BioT calls that fail', () => {
  it.each([
    [{ status: 500 }, '5xx', 1],
    [{ status: 404 }, '4xx', 0],
    [{ drop: true, times: 10 }, 'network', 1],
  ] as const)('counts %j as %s', async (fault, statusClass, errors) => {
    const handler = container();
    await send(handler, 'NOTIFICATION');
    const warm = captured.metrics().length;
    harness.emulator.injectFault({ route: GET_PATIENT, ...fault });
    await send(handler, 'NOTIFICATION');
    harness.emulator.reset();

    const second = captured.metrics().slice(warm);
    const calls = second.filter((m) => m.name === 'BiotCalls');
    expect(calls.map((m) => [m.dimensions.Route, m.dimensions.StatusClass, m.values])).toEqual([
      [GET_PATIENT, statusClass, [1]],
    ]);
    expect(second.find((m) => m.name === 'BiotCallErrors')?.values).toEqual([errors]);
  });

  it('counts a call that outlives its budget as timeout', async () => {
    const handler = container();
    await send(handler, 'NOTIFICATION');
    harness.emulator.injectFault({ route: GET_PATIENT, hang: true, times: 5 });
    const event = await harness.emulator.buildEvent('NOTIFICATION');
    const result = await handler(functionUrlEvent(event), lambdaContext(1_000));
    harness.emulator.reset();

    expect(result.statusCode).toBe(504);
    expect(metric('BiotCalls', { StatusClass: 'timeout' }).dimensions.Route).toBe(GET_PATIENT);
    expect(metric('Answers', { Outcome: 'BIOT_TIMEOUT' }).values).toEqual([1]);
    expect(
      captured
        .metrics()
        .filter((m) => m.name === 'BiotCallErrors')
        .map((m) => m.values),
    ).toEqual([[0], [1]]);
  });
});

describe('cardinality', () => {
  const patient = seedPatients()[0] as { _id: string };

  it('names a call by the template it was made with', async () => {
    const hooks: Partial<PluginHooks> = {
      notification: async (_event, { biot }) => {
        await biot.get('/organization/v1/users/patients/{id}', { path: { id: patient._id } });
        await biot.getEntity('/device/v2/devices', 'pump-0001');
        await biot.search(PATIENTS, { limit: 1 });
      },
    };
    await send(container(hooks), 'NOTIFICATION');

    expect(metric('BiotCalls', { Route: GET_PATIENT }).values).toEqual([1]);
    expect(metric('BiotCalls', { Route: 'GET /device/v2/devices/{id}' }).values).toEqual([1]);
    expect(metric('BiotCalls', { Route: `GET ${PATIENTS}` }).values).toEqual([1]);
  });

  it('counts a raw path under one fixed value, never by its ids', async () => {
    const stray = crypto.randomUUID();
    const hooks: Partial<PluginHooks> = {
      notification: async (_event, { biot }) => {
        await biot.request('GET', `${PATIENTS}/${patient._id}`);
        await biot.request('GET', `/custom/v1/things/${stray}`).catch(() => undefined);
        await biot.search(`/custom/v1/things/${stray}/parts`, {}).catch(() => undefined);
        await biot
          .getEntity(`/organization/v1/users/patients/${patient._id}/x`, stray)
          .catch(() => undefined);
      },
    };
    await send(container(hooks), 'NOTIFICATION');

    const calls = captured.metrics().filter((m) => m.name === 'BiotCalls');
    expect(calls.filter((m) => m.dimensions.Route === 'GET (unlisted)').flatMap((m) => m.values)).toEqual([
      1, 3,
    ]);
    expect(captured.metrics().find((m) => m.name === 'BiotCallsTotal')?.values).toEqual([6]);
    for (const value of captured.metrics().flatMap((m) => Object.values(m.dimensions))) {
      expect(value).not.toContain(patient._id);
      expect(value).not.toContain(stray);
    }
  });
});

describe('when metrics cannot be written', () => {
  it('writes none with POWERTOOLS_METRICS_DISABLED and still answers', async () => {
    const result = await send(container(testHooks, { POWERTOOLS_METRICS_DISABLED: 'true' }), 'NOTIFICATION');

    expect(result.statusCode).toBe(200);
    expect(captured.documents()).toEqual([]);
  });

  it('answers even when stdout refuses the metrics', async () => {
    const handler = container();
    const write = process.stdout.write;
    process.stdout.write = (() => {
      throw new Error('EPIPE');
    }) as typeof process.stdout.write;
    try {
      const result = await send(handler, 'NOTIFICATION');
      expect(result.statusCode).toBe(200);
    } finally {
      process.stdout.write = write;
    }
  });
});
