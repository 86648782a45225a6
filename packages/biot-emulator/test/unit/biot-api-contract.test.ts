import { ApiValidator } from '@biot-plugin/biot-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiContract } from '../../src/contract/api-contract.js';
import { type BiotEmulator, startBiotEmulator } from '../../src/index.js';

const SERVICE = { id: 'contract-user', secretKey: 'contract-secret' };

/** `{id}` and `{serviceId}` name the same segment: BioT's routing does not see parameter names. */
function shape(route: string): string {
  return route.replace(/\{[^}]+\}/g, '{}');
}

describe("the emulator held to BioT's OpenAPI files", () => {
  let emulator: BiotEmulator;
  let token: string;
  beforeAll(async () => {
    emulator = await startBiotEmulator({ serviceUsers: [SERVICE] });
    const login = await fetch(`${emulator.url}/ums/v2/services/accessToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(SERVICE),
    });
    token = ((await login.json()) as { accessToken: string }).accessToken;
  });
  afterAll(() => emulator.close());

  it('serves only routes that BioT serves, with the same method and path', async () => {
    const validator = await ApiValidator.load();
    const biot = new Set(
      validator.operations.all.map((operation) => shape(`${operation.method} ${operation.path}`)),
    );

    const strangers = emulator.routes.filter((route) => !biot.has(shape(route)));

    expect(emulator.routes.length).toBeGreaterThan(10);
    expect(strangers).toEqual([]);
  });

  it('refuses a request BioT would refuse with 400 in BioT’s error body, naming what is wrong', async () => {
    const search = new URLSearchParams({ searchRequest: JSON.stringify({ limit: 0 }) });
    const answer = await fetch(`${emulator.url}/organization/v1/users/patients?${search}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await answer.json()) as Record<string, unknown>;

    expect(answer.status).toBe(400);
    expect(body).toMatchObject({
      code: 'INVALID_SEARCH_REQUEST',
      serviceName: 'biot-emulator',
      details: { problems: ['query parameter searchRequest.limit must be >= 1'] },
    });
  });

  it('refuses a body of the wrong shape before the route changes anything', async () => {
    const [patient] = emulator.entities.patients.list();
    const answer = await fetch(`${emulator.url}/organization/v1/users/patients/${String(patient?._id)}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ _gender: 'OTHER' }),
    });

    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { message: string }).message).toContain(
      'body._gender must be one of MALE, FEMALE, UNDISCLOSED',
    );
    expect(emulator.entities.patients.get(String(patient?._id))?._gender).toBe(patient?._gender);
  });

  it('turns an answer BioT’s file does not allow into a 500 that names the emulator', async () => {
    const contract = await ApiContract.load();
    const validator = await ApiValidator.load();
    const login = validator.operations.match('POST', '/ums/v2/services/accessToken');
    if (login === undefined) throw new Error('BioT has no login?');

    const reply = contract.checkReply(login.operation, { status: 200, body: { accessToken: 42 } }, 'trace');

    expect(reply.status).toBe(500);
    expect(reply.body).toMatchObject({ code: 'EMULATOR_BREAKS_BIOT_CONTRACT' });
    expect((reply.body as { details: { problems: string[] } }).details.problems).toContain(
      'answer.accessToken must be string',
    );
  });

  it('checks an error answer against BioT’s error body', async () => {
    const contract = await ApiContract.load();
    const validator = await ApiValidator.load();
    const login = validator.operations.match('POST', '/ums/v2/services/accessToken');
    if (login === undefined) throw new Error('BioT has no login?');

    expect(contract.checkReply(login.operation, { status: 409, body: { code: 7 } }, 't').status).toBe(500);
  });

  it('can be turned off, for a benchmark that measures the plugin alone', async () => {
    const plain = await startBiotEmulator({ validateAgainstBiotApi: false, serviceUsers: [SERVICE] });
    try {
      const login = await fetch(`${plain.url}/ums/v2/services/accessToken`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(SERVICE),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const [patient] = plain.entities.patients.list();
      const answer = await fetch(`${plain.url}/organization/v1/users/patients/${String(patient?._id)}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ _gender: 'OTHER' }),
      });
      expect(answer.status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});
