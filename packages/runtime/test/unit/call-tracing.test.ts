import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET_PATIENT, LOGIN, PUBLIC_KEY } from '../support/biot-routes.js';
import { TRACE_ID, TRACEPARENT } from '../support/function-url-events.js';
import { type Harness, SERVICE_SECRET, startHarness, trackCalls } from '../support/plugin-harness.js';

const W3C = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const XRAY_ROOT = '1-5759e988-bd862e3fe1be46a994272793';
const XRAY_PARENT = '53995c3f42cd8ad8';
const HEADER = '{"format":"json","version":1}\n';

function parts(traceparent: string | undefined) {
  const match = W3C.exec(traceparent ?? '');
  expect(match, `a W3C traceparent: ${traceparent}`).not.toBeNull();
  return { traceId: match?.[1], spanId: match?.[2], flags: match?.[3] };
}

describe('outgoing BioT calls carry the invocation’s trace with a span of their own (W3C)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it('sends BioT’s trace id and sampled flag with a new span id on every call, and answers with BioT’s traceparent', async () => {
    const calls = trackCalls(harness.emulator);
    const handler = harness.coldStart();
    const event = await harness.emulator.buildEvent('NOTIFICATION', { traceparent: TRACEPARENT });
    const { functionUrlEvent, lambdaContext } = await import('@biot-plugin/biot-emulator');
    const result = await handler(functionUrlEvent(event), lambdaContext());

    expect(result.headers.traceparent).toBe(TRACEPARENT);
    const sent = calls.requests();
    expect(sent.map((r) => r.route).sort()).toEqual([GET_PATIENT, LOGIN, PUBLIC_KEY].sort());
    const spans = sent.map((r) => parts(r.traceparent));
    for (const span of spans) {
      expect(span.traceId).toBe(TRACE_ID);
      expect(span.flags).toBe('00');
      expect(span.spanId).not.toBe(parts(TRACEPARENT).spanId);
    }
    expect(new Set(spans.map((s) => s.spanId)).size).toBe(spans.length);
  });

  it('keeps a sampled flag of 01', async () => {
    const sampled = `${TRACEPARENT.slice(0, -2)}01`;
    const calls = trackCalls(harness.emulator);
    await harness.invoke('NOTIFICATION', { traceparent: sampled });
    const patient = calls.requests().find((r) => r.route === GET_PATIENT);
    expect(parts(patient?.traceparent)).toMatchObject({ traceId: TRACE_ID, flags: '01' });
  });

  it('starts a new trace when BioT sent no valid traceparent, shared by the answer and the calls', async () => {
    const calls = trackCalls(harness.emulator);
    const result = await harness.invoke('NOTIFICATION', { traceparent: 'not-a-traceparent' });
    const answered = parts(result.headers.traceparent);
    const patient = calls.requests().find((r) => r.route === GET_PATIENT);
    expect(parts(patient?.traceparent).traceId).toBe(answered.traceId);
    expect(parts(patient?.traceparent).spanId).not.toBe(answered.spanId);
  });
});

describe('X-Ray subsegments, one UDP datagram per BioT call to the daemon', () => {
  let daemon: Socket;
  let datagrams: string[];
  let harness: Harness;
  const processEnv: NodeJS.ProcessEnv = {
    AWS_LAMBDA_FUNCTION_NAME: 'test-plugin',
    _X_AMZN_TRACE_ID: `Root=${XRAY_ROOT};Parent=${XRAY_PARENT};Sampled=1`,
  };

  beforeAll(async () => {
    daemon = createSocket('udp4');
    daemon.on('message', (message) => datagrams.push(message.toString('utf8')));
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
    processEnv.AWS_XRAY_DAEMON_ADDRESS = `127.0.0.1:${(daemon.address() as AddressInfo).port}`;
    harness = await startHarness({ processEnv });
  });
  beforeEach(() => {
    datagrams = [];
    processEnv._X_AMZN_TRACE_ID = `Root=${XRAY_ROOT};Parent=${XRAY_PARENT};Sampled=1`;
  });
  afterAll(async () => {
    await harness.close();
    await new Promise<void>((resolve) => daemon.close(() => resolve()));
  });

  /** Waits for `count` datagrams (UDP on loopback is quick, but asynchronous). */
  async function received(count: number): Promise<Record<string, unknown>[]> {
    const until = Date.now() + 2_000;
    while (datagrams.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    for (const datagram of datagrams) expect(datagram.startsWith(HEADER)).toBe(true);
    return datagrams.map((datagram) => JSON.parse(datagram.slice(HEADER.length)) as Record<string, unknown>);
  }

  it('sends a subsegment per call, its id the span id BioT received, under the invocation’s X-Ray segment', async () => {
    const calls = trackCalls(harness.emulator);
    const handler = harness.coldStart();
    const { functionUrlEvent, lambdaContext } = await import('@biot-plugin/biot-emulator');
    const event = await harness.emulator.buildEvent('NOTIFICATION', { traceparent: TRACEPARENT });
    const before = Date.now() / 1000;
    await handler(functionUrlEvent(event), lambdaContext());

    const subsegments = await received(3);
    expect(subsegments).toHaveLength(3);
    const spanIds = calls.requests().map((r) => parts(r.traceparent).spanId);
    expect(subsegments.map((s) => s.id).sort()).toEqual([...spanIds].sort());
    const patient = subsegments.find((s) => String(s.name).includes('patients'));
    expect(patient).toEqual({
      name: 'BioT GET /organization/v1/users/patients/:id',
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      trace_id: XRAY_ROOT,
      parent_id: XRAY_PARENT,
      start_time: expect.any(Number),
      end_time: expect.any(Number),
      type: 'subsegment',
      namespace: 'remote',
      http: {
        request: { method: 'GET', url: `${harness.emulator.url}/organization/v1/users/patients/{id}` },
        response: { status: 200 },
      },
      annotations: { biot_trace_id: TRACE_ID },
    });
    const { start_time: start, end_time: end } = patient as { start_time: number; end_time: number };
    expect(start).toBeGreaterThanOrEqual(before - 0.01);
    expect(end).toBeGreaterThanOrEqual(start);
    expect(end).toBeLessThanOrEqual(Date.now() / 1000 + 0.01);
  });

  it('never sends a token, the secret, a body or an id-bearing path', async () => {
    const handler = harness.coldStart();
    const { functionUrlEvent, lambdaContext } = await import('@biot-plugin/biot-emulator');
    const event = await harness.emulator.buildEvent('NOTIFICATION');
    const patientId = (JSON.parse(event.body) as { metadata: { entityId?: string } }).metadata.entityId;
    await handler(functionUrlEvent(event), lambdaContext());
    await received(3);
    const all = datagrams.join('\n');
    expect(all).not.toContain(SERVICE_SECRET);
    expect(all).not.toMatch(/Bearer|eyJ/);
    expect(all).not.toContain('authorization');
    if (patientId) expect(all).not.toContain(patientId);
  });

  it('flags a call BioT failed: fault for a 5xx, error and throttle for a 429, error for a 4xx', async () => {
    await harness.invoke('NOTIFICATION'); // warm: key and login cached
    await received(3);
    datagrams = [];
    // Each fault covers the call's three attempts (two retries), so each invocation ends with it.
    harness.emulator.injectFault({ route: GET_PATIENT, status: 503, times: 3 });
    await harness.invoke('NOTIFICATION');
    harness.emulator.injectFault({ route: GET_PATIENT, status: 429, times: 3 });
    await harness.invoke('NOTIFICATION');
    harness.emulator.injectFault({ route: GET_PATIENT, status: 404, times: 1 });
    await harness.invoke('NOTIFICATION');

    const patientCalls = await received(3);
    const flags = patientCalls.map(({ http, fault, error, throttle }) => ({
      status: (http as { response?: { status: number } }).response?.status,
      fault,
      error,
      throttle,
    }));
    expect(flags).toEqual([
      { status: 503, fault: true, error: undefined, throttle: undefined },
      { status: 429, fault: undefined, error: true, throttle: true },
      { status: 404, fault: undefined, error: true, throttle: undefined },
    ]);
  });

  it('sends nothing for an invocation X-Ray did not sample, and the calls still go out', async () => {
    processEnv._X_AMZN_TRACE_ID = `Root=${XRAY_ROOT};Parent=${XRAY_PARENT};Sampled=0`;
    const calls = trackCalls(harness.emulator);
    const result = await harness.invoke('NOTIFICATION');
    expect(result.statusCode).toBe(200);
    expect(calls.to(GET_PATIENT)).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(datagrams).toEqual([]);
  });

  it('follows each invocation’s own X-Ray context', async () => {
    processEnv._X_AMZN_TRACE_ID = `Root=1-6759e988-00862e3fe1be46a994272793;Parent=aaaabbbbccccdddd;Sampled=1`;
    await harness.invoke('NOTIFICATION');
    const [subsegment] = await received(1);
    expect(subsegment).toMatchObject({
      trace_id: '1-6759e988-00862e3fe1be46a994272793',
      parent_id: 'aaaabbbbccccdddd',
    });
  });

  it('answers normally when the daemon is not there', async () => {
    const lonely = await startHarness({
      processEnv: { ...processEnv, AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:9' },
    });
    try {
      const result = await lonely.invoke('NOTIFICATION');
      expect(result.statusCode).toBe(200);
    } finally {
      await lonely.close();
    }
  });
});
