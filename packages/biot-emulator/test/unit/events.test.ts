import { decodeJwt, importSPKI, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BiotEmulator, END_USER_ID, seedPatients, startBiotEmulator } from '../../src/index.js';
import { type PluginDouble, startPluginDouble } from '../support/plugin-double.js';
import { writeTestKeyFile } from '../support/test-key-file.js';

const TRACEPARENT = '00-65fc35a05ce4c540b5e1cd1616f6fa21-89b65f9147e74718-00';
const BIOT_TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/;
const [FIRST_PATIENT] = seedPatients() as [ReturnType<typeof seedPatients>[number]];

describe('events as BioT sends them', () => {
  const keyFile = writeTestKeyFile();
  let emulator: BiotEmulator;
  let plugin: PluginDouble;

  const verify = async (token: string) => {
    const key = await importSPKI(
      `-----BEGIN PUBLIC KEY-----\n${emulator.publicKey}\n-----END PUBLIC KEY-----`,
      'RS512',
    );
    return (await jwtVerify(token, key, { algorithms: ['RS512'] })).payload;
  };
  const bearer = (headers: Record<string, string>) => (headers.authorization ?? '').replace(/^Bearer /, '');

  beforeAll(async () => {
    emulator = await startBiotEmulator({ keyFile });
    plugin = await startPluginDouble();
  });
  afterAll(async () => {
    await plugin.close();
    await emulator.close();
  });

  describe('a notification', () => {
    it('carries exactly the captured headers, with no authorization header', async () => {
      const event = await emulator.buildEvent('NOTIFICATION');

      expect(Object.keys(event.headers)).toEqual([
        'accept',
        'hooktype',
        'traceparent',
        'content-type',
        'user-agent',
      ]);
      expect(event.headers).toMatchObject({
        accept: '*/*',
        hooktype: 'NOTIFICATION',
        'content-type': 'application/json',
        'user-agent': 'ReactorNetty/1.2.10',
      });
      expect(event.headers.traceparent).toMatch(BIOT_TRACEPARENT);
    });

    it('carries a verifiable ACTION_NOTIFICATION token in the body field jwt', async () => {
      const body = JSON.parse((await emulator.buildEvent('NOTIFICATION')).body);

      const claims = await verify(body.jwt);

      expect(Object.keys(body)).toEqual(['metadata', 'data', 'jwt']);
      expect(claims.scopes).toContain('ACTION_NOTIFICATION');
      expect(claims.tokenType).toBe('SERVICE_INTERNAL');
    });

    it('describes the creation of a seeded patient', async () => {
      const body = JSON.parse((await emulator.buildEvent('NOTIFICATION')).body);

      expect(body.metadata).toEqual({
        entityTypeName: 'patient',
        actionName: '_create',
        status: 'SUCCESS',
        startTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/),
        endTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/),
        initiator: { subject: { id: END_USER_ID }, sourceIpAddress: expect.any(String) },
      });
      expect(body.data).toEqual({ entity: FIRST_PATIENT, additionalData: {} });
    });

    it('adds the jwt to a custom body, unless the body says jwt: undefined', async () => {
      const withJwt = JSON.parse(
        (await emulator.buildEvent('NOTIFICATION', { body: { metadata: {}, data: {} } })).body,
      );
      const without = JSON.parse(
        (await emulator.buildEvent('NOTIFICATION', { body: { metadata: {}, data: {}, jwt: undefined } }))
          .body,
      );

      expect(typeof withJwt.jwt).toBe('string');
      expect(without).toEqual({ metadata: {}, data: {} });
    });
  });

  describe('an interceptor event', () => {
    it('carries hooktype and a Bearer token with PLUGIN_INTERCEPTOR', async () => {
      const event = await emulator.buildEvent('INTERCEPTOR_PRE');

      const claims = await verify(bearer(event.headers));

      expect(Object.keys(event.headers)).toEqual([
        'accept',
        'hooktype',
        'authorization',
        'traceparent',
        'content-type',
        'user-agent',
      ]);
      expect(event.headers.hooktype).toBe('INTERCEPTOR_PRE');
      expect(claims.scopes).toContain('PLUGIN_INTERCEPTOR');
    });

    it('describes a PRE_REQUEST of an end user searching patients', async () => {
      const event = await emulator.buildEvent('INTERCEPTOR_PRE', { traceparent: TRACEPARENT });
      const body = JSON.parse(event.body);

      expect(body).toEqual({
        initiatorData: {
          subjectId: END_USER_ID,
          ownerOrganizationId: '00000000-0000-0000-0000-000000000000',
          tokenType: 'USER',
        },
        method: 'GET',
        entityName: 'patient',
        apiId: 'GET/organization/v1/users/patients',
        request: {
          body: null,
          path: '/organization/v1/users/patients',
          queryParameters: { searchRequest: [expect.any(String)] },
          headers: {
            accept: 'application/json, text/plain, */*',
            authorization: expect.stringMatching(/^Bearer /),
            traceparent: TRACEPARENT,
            host: new URL(emulator.url).host,
          },
          pathVariables: [],
        },
      });
      expect(JSON.parse(body.request.queryParameters.searchRequest[0]).limit).toBe(30);
      expect(decodeJwt(body.request.headers.authorization.slice(7))).toMatchObject({
        tokenType: 'USER',
        sub: END_USER_ID,
      });
    });

    it('adds the search answer as response {statusCode, body} to a POST_REQUEST', async () => {
      const body = JSON.parse((await emulator.buildEvent('INTERCEPTOR_POST')).body);

      expect(body.apiId).toBe('GET/organization/v1/users/patients');
      expect(body.response.statusCode).toBe(200);
      expect(body.response.body.data).toEqual(seedPatients());
      expect(body.response.body.metadata.page).toEqual({ totalResults: 3, page: 0, limit: 30 });
    });

    it('adds response {statusCode, entities: [patient]} to an ADAPT_ENTITY event', async () => {
      const event = await emulator.buildEvent('INTERCEPTOR_POST_ENTITY');
      const body = JSON.parse(event.body);

      expect(event.headers.hooktype).toBe('INTERCEPTOR_POST_ENTITY');
      expect(body.response).toEqual({ statusCode: 200, entities: [FIRST_PATIENT] });
    });
  });

  describe('a non-specific call', () => {
    it('has no hooktype, a Bearer token with notification scopes, and the body {}', async () => {
      const event = await emulator.buildEvent('NONSPECIFIC');

      const claims = await verify(bearer(event.headers));

      expect(event.headers.hooktype).toBeUndefined();
      expect(claims.scopes).toEqual(['PROTECTED_API', 'ACTION_NOTIFICATION', 'PERMISSIONS_SYNC_PERMISSIONS']);
      expect(event.body).toBe('{}');
    });
  });

  it('uses a given token, traceparent and raw string body as they are', async () => {
    const event = await emulator.buildEvent('INTERCEPTOR_PRE', {
      token: 'abc',
      traceparent: TRACEPARENT,
      body: '{"x":',
    });

    expect(event.headers.authorization).toBe('Bearer abc');
    expect(event.headers.traceparent).toBe(TRACEPARENT);
    expect(event.body).toBe('{"x":');
  });

  it('adds, replaces and removes headers on request', async () => {
    const event = await emulator.buildEvent('NOTIFICATION', {
      headers: { hooktype: undefined, 'X-Extra': '1' },
    });

    expect(event.headers.hooktype).toBeUndefined();
    expect(event.headers['x-extra']).toBe('1');
  });

  it('POSTs the event to the plugin and reports its answer and timing', async () => {
    const answer = await emulator.sendEvent(plugin.url, 'INTERCEPTOR_PRE', { traceparent: TRACEPARENT });

    const received = plugin.calls.at(-1);
    expect(received?.method).toBe('POST');
    expect(received?.url).toBe('/');
    expect(received?.headers).toMatchObject({ hooktype: 'INTERCEPTOR_PRE', traceparent: TRACEPARENT });
    expect(JSON.parse(received?.body ?? '').apiId).toBe('GET/organization/v1/users/patients');
    expect(answer).toMatchObject({ status: 200, body: '{"ok":true}', json: { ok: true } });
    expect(answer.headers.traceparent).toBe(TRACEPARENT);
    expect(answer.ms).toBeGreaterThan(0);
  });

  it('leaves json undefined when the plugin answers something that is not JSON', async () => {
    const textPlugin = await startPluginDouble(() => ({ status: 500, body: 'oops' }));
    try {
      const answer = await emulator.sendEvent(textPlugin.url, 'NOTIFICATION');

      expect(answer.status).toBe(500);
      expect(answer.body).toBe('oops');
      expect(answer.json).toBeUndefined();
    } finally {
      await textPlugin.close();
    }
  });
});
