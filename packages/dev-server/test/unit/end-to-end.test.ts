import type { BiotEmulator } from '@biot-plugin/biot-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forgeEventToken } from '../../src/demo/forged-token.js';
import { type HookEvent, pluginEvents } from '../../src/events/hook-events.js';
import { sendCall } from '../../src/events/send-call.js';
import { type LocalPlugin, type LocalStack, startLocalStack } from '../../src/local/local-stack.js';
import { silentLog } from '../../src/server/dev-server-log.js';
import { fixturePlugins } from '../support/fixture-plugins.js';

const SEEDED_PATIENT = '72b65591-2bc4-4b8a-877b-827a5a1057b3';

// emulator → dev server → runtime (each plugin's TypeScript source) → emulator, all over real HTTP.
describe('the test plugins from source behind their dev servers, against one emulator', () => {
  let stack: LocalStack;
  let emulator: BiotEmulator;
  let routesBefore: Record<string, number>;

  beforeAll(async () => {
    stack = await startLocalStack({ plugins: fixturePlugins(), logLevel: 'SILENT', log: silentLog });
    emulator = stack.emulator as BiotEmulator;
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    routesBefore = emulator.stats().byRoute;
  });

  const plugin = (name: string) => stack.plugins.find((served) => served.name === name) as LocalPlugin;
  /** The call `pnpm start` sends the plugin under this name. */
  const call = async (served: LocalPlugin, name: string) =>
    (await pluginEvents(served.definition, emulator)).find((event) => event.name === name) as HookEvent;
  const send = async (served: LocalPlugin, event: HookEvent) =>
    (await sendCall(emulator, served.devServer.url, event)).answer;
  /** BioT calls made since the test began, per route template. */
  const callsSinceStart = () =>
    Object.fromEntries(
      Object.entries(emulator.stats().byRoute)
        .map(([route, count]) => [route, count - (routesBefore[route] ?? 0)] as const)
        .filter(([, count]) => count > 0),
    );

  it('gives each plugin a dev server of its own and a service user of its own in the one emulator', () => {
    const [first, second] = stack.plugins as [LocalPlugin, LocalPlugin];

    expect(stack.plugins.map((served) => served.name)).toEqual(['device-clock', 'patient-desk']);
    expect(first.devServer.url).not.toBe(second.devServer.url);
    expect(first.serviceUserId).not.toBe(second.serviceUserId);
    expect(emulator.serviceUser(first.serviceUserId)?.name).toBe('device-clock (local)');
    expect(emulator.serviceUser(second.serviceUserId)?.name).toBe('patient-desk (local)');
  });

  it('answers a notification with 200 after reading the patient through BioT', async () => {
    const desk = plugin('patient-desk');

    const answer = await send(desk, await call(desk, 'notification patient _update'));

    expect(answer.status).toBe(200);
    expect(answer.body).toBe('');
    expect(callsSinceStart()).toMatchObject({
      'POST /ums/v2/services/accessToken': 1,
      'GET /organization/v1/users/patients/{id}': 1,
    });
    expect(emulator.requests.at(-1)?.path).toBe(`/organization/v1/users/patients/${SEEDED_PATIENT}`);
  });

  it('answers a device notification after reading and patching the seeded device, logged in on its own', async () => {
    const clock = plugin('device-clock');

    const answer = await send(clock, await call(clock, 'notification device _create'));

    expect(answer.status).toBe(200);
    expect(callsSinceStart()).toEqual({
      'GET /ums/v1/security/public-key': 1,
      'POST /ums/v2/services/accessToken': 1,
      'GET /device/v2/devices/{id}': 1,
      'PATCH /device/v2/devices/{id}': 1,
    });
    expect(emulator.requests.at(-1)).toMatchObject({
      path: '/device/v2/devices/pump-0001',
      body: '{"clockedBy":"device-clock"}',
    });
  });

  it('answers a PRE interceptor with the request the hook changed, calling nothing', async () => {
    const desk = plugin('patient-desk');

    const answer = await send(desk, await call(desk, 'preRequest GET /organization/v1/users/patients'));

    expect(answer.status).toBe(200);
    const { request } = answer.json as { request: { path: string; headers: Record<string, string> } };
    expect(request.path).toBe('/organization/v1/users/patients');
    expect(request.headers['x-desk']).toBe('patient-desk');
    expect(callsSinceStart()).toEqual({});
  });

  it('answers a PRE interceptor the hook blocks with its 4xx and BioT’s error body', async () => {
    const desk = plugin('patient-desk');

    const answer = await send(
      desk,
      await call(desk, 'preRequest DELETE /organization/v1/users/patients/{id}'),
    );

    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({
      code: 'ACCESS_DENIED',
      message: 'Patients are not deleted at this desk',
      serviceName: 'patient-desk',
      environment: 'local',
    });
  });

  it('answers a POST interceptor with the response the hook changed', async () => {
    const desk = plugin('patient-desk');

    const answer = await send(desk, await call(desk, 'postRequest GET /organization/v1/users/patients'));

    expect(answer.status).toBe(200);
    const { response } = answer.json as { response: { body: { data: { _name: unknown }[] } } };
    expect(response.body.data[0]?._name).toEqual({ firstName: 'Noa', lastName: 'COHEN' });
  });

  it('answers an ADAPT_ENTITY interceptor with the entities the hook changed', async () => {
    const desk = plugin('patient-desk');

    const answer = await send(desk, await call(desk, 'adaptEntity patient'));

    expect(answer.status).toBe(200);
    const { response } = answer.json as { response: { entities: { _email: unknown }[] } };
    expect(response.entities.map((entity) => entity._email)).toEqual([null, null, null]);
  });

  it('answers its schedule’s direct invocation with what the hook returned, from one BioT search', async () => {
    const desk = plugin('patient-desk');

    const answer = await send(desk, await call(desk, 'scheduled'));

    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ patients: 3 });
    expect(callsSinceStart()).toEqual({ 'GET /organization/v1/users/patients': 1 });
  });

  it('refuses a token signed by a key that is not BioT’s with 401 JWT_INVALID and no BioT call', async () => {
    const desk = plugin('patient-desk');
    const event = await call(desk, 'notification patient _update');

    const answer = await emulator.sendEvent(desk.devServer.url, 'NOTIFICATION', {
      body: event.body,
      token: await forgeEventToken(['ACTION_NOTIFICATION']),
    });

    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject({ code: 'JWT_INVALID', serviceName: 'patient-desk' });
    expect(callsSinceStart()['GET /organization/v1/users/patients/{id}']).toBeUndefined();
  });

  it('carries BioT’s trace on its BioT calls, each with a span id of its own, and answers with BioT’s traceparent', async () => {
    const desk = plugin('patient-desk');
    const event = await call(desk, 'notification patient _update');
    const traceparent = '00-691d9a7ec2ebb8ad236b56d739c4c17f-ff435abc75711595-00';

    const answer = await emulator.sendEvent(desk.devServer.url, 'NOTIFICATION', {
      body: event.body,
      traceparent,
    });

    expect(answer.headers.traceparent).toBe(traceparent);
    expect(emulator.requests.at(-1)?.traceparent).toMatch(
      /^00-691d9a7ec2ebb8ad236b56d739c4c17f-[0-9a-f]{16}-00$/,
    );
    expect(emulator.requests.at(-1)?.traceparent).not.toBe(traceparent);
  });
});
