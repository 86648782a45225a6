import type { BiotEmulator } from '@biot-plugin/biot-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forgeEventToken } from '../src/demo/forged-token.js';
import { type LocalStack, startLocalStack } from '../src/local/local-stack.js';
import { silentLog } from '../src/server/dev-server-log.js';

const SEEDED_PATIENT = '72b65591-2bc4-4b8a-877b-827a5a1057b3';

// emulator → dev server → runtime (TypeScript source) → emulator, all over real HTTP.
describe('the runtime from source behind the dev server, against the emulator', () => {
  let stack: LocalStack;
  let emulator: BiotEmulator;
  let routesBefore: Record<string, number>;

  beforeAll(async () => {
    stack = await startLocalStack({ logLevel: 'SILENT', log: silentLog });
    emulator = stack.emulator as BiotEmulator;
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    routesBefore = emulator.stats().byRoute;
  });

  /** BioT calls made since the test began, per route template. */
  const callsSinceStart = () =>
    Object.fromEntries(
      Object.entries(emulator.stats().byRoute)
        .map(([route, count]) => [route, count - (routesBefore[route] ?? 0)] as const)
        .filter(([, count]) => count > 0),
    );

  it('answers a notification with 200 after reading the patient through BioT', async () => {
    const answer = await emulator.sendEvent(stack.devServer.url, 'NOTIFICATION');

    expect(answer.status).toBe(200);
    expect(answer.body).toBe('');
    expect(callsSinceStart()).toMatchObject({
      'POST /ums/v2/services/accessToken': 1,
      'GET /organization/v1/users/patients/{id}': 1,
    });
    expect(emulator.requests.at(-1)?.path).toBe(`/organization/v1/users/patients/${SEEDED_PATIENT}`);
  });

  it('answers a PRE interceptor with the request, its search limit capped at 50', async () => {
    const event = await emulator.buildEvent('INTERCEPTOR_PRE');
    const body = JSON.parse(event.body);
    body.request.queryParameters.searchRequest = [JSON.stringify({ limit: 500 })];

    const answer = await emulator.sendEvent(stack.devServer.url, 'INTERCEPTOR_PRE', { body });

    expect(answer.status).toBe(200);
    const { request } = answer.json as {
      request: { path: string; queryParameters: Record<string, string[]> };
    };
    expect(request.path).toBe('/organization/v1/users/patients');
    expect(JSON.parse(request.queryParameters.searchRequest?.[0] ?? '')).toEqual({ limit: 50 });
    expect(callsSinceStart()).toEqual({});
  });

  it('answers a PRE interceptor for a patient DELETE with a 403 block', async () => {
    const event = await emulator.buildEvent('INTERCEPTOR_PRE');
    const body = JSON.parse(event.body);
    body.method = 'DELETE';
    body.request.path = `/organization/v1/users/patients/${SEEDED_PATIENT}`;

    const answer = await emulator.sendEvent(stack.devServer.url, 'INTERCEPTOR_PRE', { body });

    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ code: 'ACCESS_DENIED', environment: 'local' });
  });

  it('answers a POST interceptor with the response, names capitalized', async () => {
    const event = await emulator.buildEvent('INTERCEPTOR_POST');
    const body = JSON.parse(event.body);
    body.response.body.data[0]._name = { firstName: 'noa', lastName: 'cohen' };

    const answer = await emulator.sendEvent(stack.devServer.url, 'INTERCEPTOR_POST', { body });

    expect(answer.status).toBe(200);
    const { response } = answer.json as {
      response: { statusCode: number; body: { data: { _name: unknown }[] } };
    };
    expect(response.statusCode).toBe(200);
    expect(response.body.data[0]?._name).toEqual({ firstName: 'Noa', lastName: 'Cohen' });
  });

  it('answers an ADAPT_ENTITY interceptor with the entities, national ids masked', async () => {
    const answer = await emulator.sendEvent(stack.devServer.url, 'INTERCEPTOR_POST_ENTITY');

    expect(answer.status).toBe(200);
    const { response } = answer.json as { response: { entities: { _nationalId: string }[] } };
    expect(response.entities.map((entity) => entity._nationalId)).toEqual(['******2352']);
  });

  it('answers a non-specific call with the count of enabled patients from one BioT search', async () => {
    const answer = await emulator.sendEvent(stack.devServer.url, 'NONSPECIFIC');

    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ enabledPatients: 2 });
    expect(callsSinceStart()).toEqual({ 'GET /organization/v1/users/patients': 1 });
  });

  it('refuses a token signed by a key that is not BioT’s with 401 JWT_INVALID and no BioT call', async () => {
    const forged = await forgeEventToken(['ACTION_NOTIFICATION']);

    const answer = await emulator.sendEvent(stack.devServer.url, 'NOTIFICATION', { token: forged });

    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject({ code: 'JWT_INVALID', serviceName: 'biot-plugin-local' });
    expect(callsSinceStart()['GET /organization/v1/users/patients/{id}']).toBeUndefined();
  });

  it('forwards BioT’s traceparent on its BioT calls and answers with it', async () => {
    const traceparent = '00-691d9a7ec2ebb8ad236b56d739c4c17f-ff435abc75711595-00';

    const answer = await emulator.sendEvent(stack.devServer.url, 'NOTIFICATION', { traceparent });

    expect(answer.headers.traceparent).toBe(traceparent);
    expect(emulator.requests.at(-1)?.traceparent).toBe(traceparent);
  });
});
