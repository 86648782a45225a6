import { randomUUID } from 'node:crypto';
import { type BiotEmulator, startBiotEmulator } from '@biot-plugin/biot-emulator';
import { definePlugin, HEALTH_CHECK_EVENT, lambdaHandler } from '@biot-plugin/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { answerOfDirectInvocation } from '../../src/events/send-call.js';
import { DIRECT_INVOCATION_PATH } from '../../src/invoke-api/invoke-api.js';
import { type DevServer, type InvocationRecord, startDevServer } from '../../src/server/dev-server.js';
import { silentLog } from '../../src/server/dev-server-log.js';
import type { FunctionHandler } from '../../src/server/invoke-handler.js';
import { send } from '../support/http-client.js';
import { capturingLog } from '../support/recording-handler.js';

// The other way into a function: Lambda's Invoke API, as a plugin's schedule invokes it.
describe('a direct invocation of the dev server’s handler', () => {
  let server: DevServer | undefined;
  const log = capturingLog();
  const records: InvocationRecord[] = [];
  const serve = async (handler: FunctionHandler, timeoutMs = 3000) => {
    server = await startDevServer({
      handler,
      timeoutMs,
      log,
      onInvocation: (record) => records.push(record),
    });
    return server.url;
  };
  const invoke = (url: string, body?: string) =>
    send(url, {
      path: DIRECT_INVOCATION_PATH,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body }),
    });

  afterEach(async () => {
    await server?.close();
    records.length = 0;
    log.lines.length = 0;
  });

  it('hands the handler the payload itself as its event and answers its result as JSON', async () => {
    const events: unknown[] = [];
    const url = await serve((event) => {
      events.push(event);
      return { statusCode: 200, body: '{"done":true}' };
    });

    const answer = await invoke(url, '{"scheduledTime":"2027-01-01T06:00:00Z"}');

    expect(events).toEqual([{ scheduledTime: '2027-01-01T06:00:00Z' }]);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ statusCode: 200, body: '{"done":true}' });
    expect(records.at(-1)).toMatchObject({ via: 'direct', status: 200, outcome: 'answered' });
  });

  it('hands the handler {} when there is no payload, as the AWS CLI sends', async () => {
    const events: unknown[] = [];
    const url = await serve((event) => events.push(event));

    await invoke(url);

    expect(events).toEqual([{}]);
  });

  it('answers a handler that throws with X-Amz-Function-Error and Lambda’s error payload', async () => {
    const url = await serve(() => {
      throw new RangeError('out of patience');
    });

    const answer = await invoke(url, '{}');

    expect(answer.status).toBe(200);
    expect(answer.headers['x-amz-function-error']).toBe('Unhandled');
    expect(JSON.parse(answer.text)).toMatchObject({
      errorType: 'RangeError',
      errorMessage: 'out of patience',
    });
    expect(log.lines.at(-1)).toMatch(/the handler threw[\s\S]*RangeError: out of patience/);
  });

  it('answers a handler that outlives the timeout with Lambda’s timeout error', async () => {
    const url = await serve(() => new Promise((resolve) => setTimeout(resolve, 1_000)), 100);

    const answer = await invoke(url, '{}');

    expect(answer.headers['x-amz-function-error']).toBe('Unhandled');
    expect(JSON.parse(answer.text)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'Task timed out after 0.10 seconds',
    });
  });

  it('refuses a payload that is not JSON with 400, without calling the handler', async () => {
    let calls = 0;
    const url = await serve(() => {
      calls += 1;
    });

    const answer = await invoke(url, '{not json');

    expect(answer.status).toBe(400);
    expect(answer.headers['x-amzn-errortype']).toBe('InvalidRequestContentException');
    expect(calls).toBe(0);
    expect(records.at(-1)).toMatchObject({ invoked: false, outcome: 'invalid-request' });
  });

  it('is only a POST to the invocations path: anything else is a Function URL request', async () => {
    const events: { version?: string }[] = [];
    const url = await serve((event) => {
      events.push(event as { version?: string });
      return {};
    });

    await send(url, { method: 'GET', path: DIRECT_INVOCATION_PATH });
    await send(url, { path: '/2015-03-31/functions' });

    expect(events.map((event) => event.version)).toEqual(['2.0', '2.0']);
    expect(records.map((record) => record.via)).toEqual(['function-url', 'function-url']);
  });
});

describe('a direct invocation’s answer, read like BioT’s calls', () => {
  it('is the handler’s result through the Function URL rules', () => {
    const result = JSON.stringify({
      statusCode: 200,
      headers: { traceparent: '00-ab-cd-00' },
      body: '{"n":1}',
    });

    expect(answerOfDirectInvocation(200, {}, result, 5)).toMatchObject({
      status: 200,
      headers: { traceparent: '00-ab-cd-00' },
      body: '{"n":1}',
      json: { n: 1 },
    });
  });

  it('is a 502 when the function failed, as a Function URL answers then', () => {
    const error = JSON.stringify({ errorType: 'Error', errorMessage: 'boom' });

    expect(answerOfDirectInvocation(200, { 'x-amz-function-error': 'Unhandled' }, error, 5).status).toBe(502);
  });
});

// What `pnpm ops verify` relies on (its tests use this path as the function's Invoke API).
describe('the runtime’s health check through the dev server', () => {
  let emulator: BiotEmulator | undefined;
  let server: DevServer | undefined;
  afterEach(async () => {
    await server?.close();
    await emulator?.close();
  });

  async function serveRuntime(): Promise<string> {
    emulator = await startBiotEmulator({ seed: false });
    const user = emulator.addServiceUser({ id: randomUUID() });
    const plugin = definePlugin({
      name: 'health-probe',
      hooks: { notification: () => undefined },
      subscriptions: { notifications: [{ entityTypeName: 'patient', actionName: '_create' }] },
    });
    server = await startDevServer({
      handler: lambdaHandler(plugin, {
        BIOT_BASE_URL: emulator.url,
        BIOT_SERVICE_USER_ID: user.id,
        BIOT_SERVICE_USER_SECRET_KEY: user.secretKey,
        POWERTOOLS_LOG_LEVEL: 'SILENT',
      }),
      log: silentLog,
    });
    return server.url;
  }

  it('answers a direct invocation of {"biotPluginHealthCheck": 1} with the report of every step', async () => {
    const url = await serveRuntime();

    const answer = await send(url, {
      path: DIRECT_INVOCATION_PATH,
      body: JSON.stringify(HEALTH_CHECK_EVENT),
    });

    expect(answer.status).toBe(200);
    expect(answer.headers['x-amz-function-error']).toBeUndefined();
    const result = JSON.parse(answer.text) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      ok: true,
      steps: [
        { name: 'secret', ok: true },
        { name: 'publicKey', ok: true },
        { name: 'login', ok: true },
      ],
    });
  });

  it('refuses the same body through the Function URL, as any call without hooktype', async () => {
    const url = await serveRuntime();

    const answer = await send(url, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(HEALTH_CHECK_EVENT),
    });

    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'SCHEDULED_VIA_URL_DISABLED' });
  });
});
