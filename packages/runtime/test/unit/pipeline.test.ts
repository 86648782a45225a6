import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PluginHooks } from '../../src/hook-api/hooks.js';
import { GET_PATIENT, LOGIN, PUBLIC_KEY } from '../support/biot-routes.js';
import { functionUrlEvent, TRACE_ID, TRACEPARENT } from '../support/function-url-events.js';
import { bodyOf, type Harness, lambdaContext, startHarness, trackCalls } from '../support/plugin-harness.js';
import { PATIENTS, testHooks } from '../support/test-plugin.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

describe('the handler, end to end against the BioT emulator', () => {
  it('answers a notification with 200, no body and the inbound traceparent', async () => {
    const result = await harness.invoke('NOTIFICATION', { traceparent: TRACEPARENT });
    expect(result.statusCode).toBe(200);
    expect(result.body).toBeUndefined();
    expect(result.headers.traceparent).toBe(TRACEPARENT);
  });

  it('lets the notification hook read the patient through BioT, forwarding the trace', async () => {
    const calls = trackCalls(harness.emulator);
    await harness.invoke('NOTIFICATION', { traceparent: TRACEPARENT });
    const patientCalls = calls.requests().filter((r) => r.route === GET_PATIENT);
    expect(patientCalls).toHaveLength(1);
    expect(patientCalls[0]?.status).toBe(200);
    // BioT's trace and flags, with the call's own span id (the plugin is a W3C participant).
    expect(patientCalls[0]?.traceparent).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-00$`));
    expect(patientCalls[0]?.traceparent).not.toBe(TRACEPARENT);
    expect(patientCalls[0]?.allowInterception).toBeUndefined();
  });

  it('needs no key fetch and no login on a warm invocation', async () => {
    await harness.invoke('NOTIFICATION');
    const calls = trackCalls(harness.emulator);
    await harness.invoke('NOTIFICATION');
    expect(calls.to(PUBLIC_KEY)).toBe(0);
    expect(calls.to(LOGIN)).toBe(0);
    expect(calls.to(GET_PATIENT)).toBe(1);
  });

  it('answers PRE with {request}, the search capped by the test hook', async () => {
    const event = await harness.emulator.buildEvent('INTERCEPTOR_PRE');
    const body = JSON.parse(event.body) as { request: { queryParameters: Record<string, string[]> } };
    body.request.queryParameters.searchRequest = [JSON.stringify({ limit: 1000 })];
    const result = await harness.invoke('INTERCEPTOR_PRE', { body });
    expect(result.statusCode).toBe(200);
    const answer = bodyOf(result) as { request: { queryParameters: { searchRequest: string[] } } };
    expect(Object.keys(answer)).toEqual(['request']);
    expect(JSON.parse(answer.request.queryParameters.searchRequest[0] ?? '')).toEqual({ limit: 50 });
  });

  it('lets the PRE hook block a call with 403 and BioT’s error body', async () => {
    const event = await harness.emulator.buildEvent('INTERCEPTOR_PRE');
    const body = JSON.parse(event.body) as { method: string; request: { path: string } };
    body.method = 'DELETE';
    body.request.path = '/organization/v1/users/patients/72b65591';
    const result = await harness.invoke('INTERCEPTOR_PRE', { body, traceparent: TRACEPARENT });
    expect(result.statusCode).toBe(403);
    expect(bodyOf(result)).toEqual({
      code: 'ACCESS_DENIED',
      message: 'Deleting patients is disabled by the plugin',
      serviceName: 'test-plugin',
      traceId: TRACE_ID,
      environment: 'test',
      details: {},
    });
  });

  it('answers POST with {response}, names tidied by the test hook', async () => {
    const result = await harness.invoke('INTERCEPTOR_POST');
    expect(result.statusCode).toBe(200);
    const answer = bodyOf(result) as {
      response: { body: { data: Array<{ _name: { firstName: string } }> } };
    };
    for (const patient of answer.response.body.data) {
      expect(patient._name.firstName[0]).toBe(patient._name.firstName[0]?.toUpperCase());
    }
  });

  it('answers ADAPT_ENTITY with {response}, national ids masked', async () => {
    const result = await harness.invoke('INTERCEPTOR_POST_ENTITY');
    const answer = bodyOf(result) as { response: { entities: Array<{ _nationalId?: string }> } };
    expect(answer.response.entities.length).toBeGreaterThan(0);
    for (const entity of answer.response.entities)
      expect(entity._nationalId ?? '****').toMatch(/^\*+.{0,4}$/);
  });

  it('refuses a call without hooktype through the URL: scheduled jobs run on AWS’s direct invocation', async () => {
    const result = await harness.invoke('NONSPECIFIC');
    expect(result.statusCode).toBe(403);
    expect(bodyOf(result).code).toBe('SCHEDULED_VIA_URL_DISABLED');
  });

  it('runs the scheduled hook for a direct invocation (EventBridge) without a token', async () => {
    const result = await harness.handler(
      { source: 'aws.scheduler', 'detail-type': 'Scheduled Event' },
      lambdaContext(),
    );
    expect(result.statusCode).toBe(200);
  });

  it('answers the scheduled hook’s JSON for a direct invocation', async () => {
    const result = await harness.handler({ source: 'aws.scheduler' }, lambdaContext());
    expect(bodyOf(result)).toEqual({ enabledPatients: expect.any(Number) });
  });

  it('costs no login when the hook calls nothing', async () => {
    const silent: PluginHooks = { ...testHooks, notification: () => undefined };
    const handler = harness.coldStart({}, silent);
    const calls = trackCalls(harness.emulator);
    const event = await harness.emulator.buildEvent('NOTIFICATION');
    const result = await handler(functionUrlEvent(event), lambdaContext());
    expect(result.statusCode).toBe(200);
    expect(calls.to(LOGIN)).toBe(0);
  });

  it('gives a hook one BioT client per invocation, however often it asks, bound to that invocation’s trace', async () => {
    const seen: unknown[] = [];
    const asking: PluginHooks = {
      ...testHooks,
      notification: async (_event, context) => {
        seen.push(context.biot, context.biot);
        const { biot } = context;
        seen.push(biot);
        await biot.search(PATIENTS, { limit: 1 });
      },
    };
    const handler = harness.coldStart({}, asking);
    const calls = trackCalls(harness.emulator);
    for (const traceparent of [TRACEPARENT, TRACEPARENT.replace(TRACE_ID, 'f'.repeat(32))]) {
      const event = await harness.emulator.buildEvent('NOTIFICATION', { traceparent });
      expect((await handler(functionUrlEvent(event), lambdaContext())).statusCode).toBe(200);
    }

    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).toBe(seen[0]);
    expect(seen[3]).not.toBe(seen[0]);
    const traces = calls
      .requests()
      .filter((r) => r.route === `GET ${PATIENTS}`)
      .map((r) => r.traceparent?.split('-')[1]);
    expect(traces).toEqual([TRACE_ID, 'f'.repeat(32)]);
  });

  it('makes one login and one key fetch when 50 invocations reach a cold container at once', async () => {
    const handler = harness.coldStart();
    const calls = trackCalls(harness.emulator);
    const events = await Promise.all(
      Array.from({ length: 50 }, () => harness.emulator.buildEvent('NOTIFICATION')),
    );
    const results = await Promise.all(
      events.map((event) => handler(functionUrlEvent(event), lambdaContext())),
    );
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    expect(calls.to(LOGIN)).toBe(1);
    expect(calls.to(PUBLIC_KEY)).toBe(1);
  });

  it('sends allow-interception only when the hook asks for it', async () => {
    const intercepting: PluginHooks = {
      ...testHooks,
      notification: async (_event, { biot }) => {
        await biot.search('/organization/v1/users/patients', { limit: 1 }, { allowInterception: true });
      },
    };
    const handler = harness.coldStart({}, intercepting);
    const calls = trackCalls(harness.emulator);
    await handler(functionUrlEvent(await harness.emulator.buildEvent('NOTIFICATION')), lambdaContext());
    const search = calls.requests().find((r) => r.route === 'GET /organization/v1/users/patients');
    expect(search?.allowInterception).toBeDefined();
  });

  it('logs in again and repeats the call once when BioT refuses the service token with 401', async () => {
    await harness.invoke('NOTIFICATION');
    const calls = trackCalls(harness.emulator);
    harness.emulator.injectFault({ route: GET_PATIENT, status: 401, times: 1 });
    const result = await harness.invoke('NOTIFICATION');
    expect(result.statusCode).toBe(200);
    expect(calls.to(LOGIN)).toBe(1);
    expect(calls.to(GET_PATIENT)).toBe(2);
  });

  it('answers 502 BIOT_API_ERROR when the hook’s BioT call fails', async () => {
    harness.emulator.injectFault({ route: GET_PATIENT, status: 404, times: 1 });
    const result = await harness.invoke('NOTIFICATION');
    expect(result.statusCode).toBe(502);
    expect(bodyOf(result)).toMatchObject({
      code: 'BIOT_API_ERROR',
      details: { upstreamStatus: 404, route: `GET /organization/v1/users/patients/{id}` },
    });
  });
});
