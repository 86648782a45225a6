import {
  type AdaptEntityEvent,
  definePlugin,
  type NotificationEvent,
  type PostRequestEvent,
  type PreRequestEvent,
  type ScheduledEvent,
} from '@biot-plugin/runtime';
import {
  END_USER_ID,
  type PluginTest,
  PluginTestUsageError,
  ROOT_ORGANIZATION_ID,
  startPluginTest,
} from '@biot-plugin/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/** What each hook of the recorder was called with, newest last. */
const seen: {
  notification: NotificationEvent[];
  preRequest: PreRequestEvent[];
  postRequest: PostRequestEvent[];
  adaptEntity: AdaptEntityEvent[];
  scheduled: ScheduledEvent[];
} = { notification: [], preRequest: [], postRequest: [], adaptEntity: [], scheduled: [] };

/** Keeps every event it gets and changes nothing. */
const recorder = definePlugin({
  name: 'recorder',
  hooks: {
    notification: (event) => {
      seen.notification.push(event);
    },
    preRequest: (event) => {
      seen.preRequest.push(event);
      return event.body.request;
    },
    postRequest: (event) => {
      seen.postRequest.push(event);
      return event.body.response;
    },
    adaptEntity: (event) => {
      seen.adaptEntity.push(event);
      return event.body.response;
    },
    scheduled: (event) => {
      seen.scheduled.push(event);
      return { ran: true };
    },
  },
  subscriptions: {
    notifications: [{ entityTypeName: 'device', actionName: '_create' }],
    interceptions: [
      { type: 'PRE_REQUEST', apiId: 'GET/device/v2/devices' },
      { type: 'POST_REQUEST', apiId: 'GET/device/v2/devices' },
      { type: 'ADAPT_ENTITY', entityName: 'device' },
    ],
  },
  schedule: 'rate(1 hour)',
  scheduledViaUrl: { scope: 'RECORDER_RUN' },
});

const PUMP = { _id: 'd-1', _caption: 'Pump one' };

/** The claims of a JWT, without checking it: the runtime did that already. */
function claimsOf(authorization: string | undefined): Record<string, unknown> {
  const payload = authorization?.replace(/^Bearer /, '').split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

let kit: PluginTest;
beforeAll(async () => {
  kit = await startPluginTest(recorder, { entities: { devices: [PUMP] } });
});
beforeEach(() => {
  kit.reset();
  for (const events of Object.values(seen)) events.length = 0;
});
afterAll(() => kit.close());

describe('kit.notification', () => {
  it('sends the stored entity when the test gives only its id, with a token the runtime accepts', async () => {
    const answer = await kit.notification({
      entityTypeName: 'device',
      actionName: '_create',
      entityId: 'd-1',
    });

    expect(answer.status).toBe(200);
    const [event] = seen.notification;
    expect(event?.body.metadata).toMatchObject({
      entityTypeName: 'device',
      actionName: '_create',
      status: 'SUCCESS',
    });
    expect(event?.body.data).toEqual({ entity: PUMP, additionalData: {} });
    expect(event?.token).toEqual(expect.any(String));
  });

  it('sends the entity, old entity, time and initiator the test gives', async () => {
    await kit.notification({
      entityTypeName: 'device',
      actionName: '_update',
      entity: { _id: 'd-9', _caption: 'Pump nine' },
      oldEntity: { _id: 'd-9', _caption: 'Pump 9' },
      startTime: '2025-11-03T10:00:00.123456789Z',
      initiatorId: 'nurse-1',
    });

    const [event] = seen.notification;
    expect(event?.body.data).toEqual({
      entity: { _id: 'd-9', _caption: 'Pump nine' },
      additionalData: { oldEntity: { _id: 'd-9', _caption: 'Pump 9' } },
    });
    expect(event?.body.metadata).toMatchObject({
      startTime: '2025-11-03T10:00:00.123456789Z',
      endTime: '2025-11-03T10:00:00.500000000Z',
      initiator: { subject: { id: 'nurse-1' } },
    });
  });

  it('sends no entity when the test names none', async () => {
    await kit.notification({ entityTypeName: 'device', actionName: '_delete' });

    expect(seen.notification[0]?.body.data).toEqual({ additionalData: {} });
  });

  it('refuses an entity id the emulator does not hold', async () => {
    const unknown = kit.notification({ entityTypeName: 'device', actionName: '_create', entityId: 'd-404' });

    await expect(unknown).rejects.toThrow(PluginTestUsageError);
    expect(seen.notification).toEqual([]);
  });
});

describe('kit.preRequest', () => {
  it('sends the intercepted call inside BioT’s envelope, apiId formed from the path template', async () => {
    const answer = await kit.preRequest({
      method: 'PATCH',
      path: '/device/v2/devices/{id}',
      pathVariables: { id: 'd 1' },
      query: { fields: ['_id', '_caption'], dryRun: 'true' },
      body: { _caption: 'Renamed' },
    });

    expect(answer.status).toBe(200);
    const [event] = seen.preRequest;
    expect(event?.body).toMatchObject({
      initiatorData: { subjectId: END_USER_ID, ownerOrganizationId: ROOT_ORGANIZATION_ID, tokenType: 'USER' },
      method: 'PATCH',
      entityName: 'device',
      apiId: 'PATCH/device/v2/devices/{id}',
      request: {
        path: '/device/v2/devices/d%201',
        queryParameters: { fields: ['_id', '_caption'], dryRun: ['true'] },
        body: { _caption: 'Renamed' },
        pathVariables: { id: 'd 1' },
      },
    });
  });

  it("forwards the end user's own token and the event's traceparent inside the request", async () => {
    await kit.preRequest({ method: 'GET', path: '/device/v2/devices' });

    const [event] = seen.preRequest;
    const headers = event?.body.request.headers;
    expect(claimsOf(headers?.authorization)).toMatchObject({ tokenType: 'USER', sub: END_USER_ID });
    expect(claimsOf(headers?.authorization)).not.toHaveProperty('serviceUserId');
    expect(headers?.traceparent).toBe(event?.headers.traceparent);
    expect(event?.token).not.toBe(headers?.authorization?.replace(/^Bearer /, ''));
  });

  it('encodes a search request as BioT’s console does', async () => {
    await kit.preRequest({ method: 'GET', path: '/device/v2/devices', searchRequest: { limit: 10 } });

    expect(seen.preRequest[0]?.body.request.queryParameters).toEqual({ searchRequest: ['{"limit":10}'] });
  });

  it('takes the apiId, entity name and initiator the test gives', async () => {
    await kit.preRequest({
      method: 'GET',
      path: '/generic-entity/v1/generic-entities',
      apiId: 'GET/generic-entity/v1/generic-entities',
      entityName: 'generic-entity',
      initiator: { subjectId: 'svc-1', tokenType: 'SERVICE' },
    });

    expect(seen.preRequest[0]?.body).toMatchObject({
      entityName: 'generic-entity',
      initiatorData: { subjectId: 'svc-1', tokenType: 'SERVICE' },
    });
  });

  it('refuses a path template with a variable left unfilled', async () => {
    const unfilled = kit.preRequest({ method: 'DELETE', path: '/device/v2/devices/{id}' });

    await expect(unfilled).rejects.toThrow(PluginTestUsageError);
  });
});

describe('kit.postRequest', () => {
  it('sends the call and BioT’s answer to it', async () => {
    const response = { statusCode: 200, body: { data: [PUMP], metadata: { page: { totalResults: 1 } } } };

    const answer = await kit.postRequest({ method: 'GET', path: '/device/v2/devices', response });

    expect(answer.status).toBe(200);
    expect(seen.postRequest[0]?.body).toMatchObject({
      apiId: 'GET/device/v2/devices',
      request: { path: '/device/v2/devices' },
      response,
    });
  });
});

describe('kit.adaptEntity', () => {
  it('sends the entities with status 200, the request on the entity’s own API', async () => {
    const answer = await kit.adaptEntity({ entityName: 'device', entities: [PUMP] });

    expect(answer.status).toBe(200);
    expect(seen.adaptEntity[0]?.body).toMatchObject({
      entityName: 'device',
      method: 'GET',
      apiId: 'GET/device/v2/devices',
      response: { statusCode: 200, entities: [PUMP] },
    });
  });

  it('sends no request for an entity whose API the kit does not know, unless the test names one', async () => {
    await kit.adaptEntity({ entityName: 'generic-entity', entities: [{ _id: 'g-1' }] });

    expect(seen.adaptEntity[0]?.body).not.toHaveProperty('request');
    expect(seen.adaptEntity[0]?.body.response.entities).toEqual([{ _id: 'g-1' }]);
  });
});

describe('kit.scheduled', () => {
  it('invokes the handler directly with the body, as EventBridge Scheduler does', async () => {
    const answer = await kit.scheduled({ job: 'nightly' });

    expect(answer.status).toBe(200);
    expect(seen.scheduled[0]).toMatchObject({ source: 'invoke', body: { job: 'nightly' }, token: undefined });
  });

  it("calls through the Function URL without hooktype, with a BioT service token of the plugin's scope", async () => {
    const answer = await kit.scheduled({ job: 'now' }, { via: 'url' });

    expect(answer.status).toBe(200);
    const [event] = seen.scheduled;
    expect(event).toMatchObject({ source: 'url', body: { job: 'now' } });
    expect(claimsOf(event?.token)).toMatchObject({
      tokenType: 'SERVICE_INTERNAL',
      scopes: expect.arrayContaining(['RECORDER_RUN']),
    });
  });
});

describe('kit.send', () => {
  it("sends the emulator's default event of the hook's type when the test gives nothing", async () => {
    const answer = await kit.send('preRequest');

    expect(answer.status).toBe(200);
    expect(seen.preRequest[0]?.body.apiId).toBe('GET/organization/v1/users/patients');
  });

  it('sends a raw body and headers exactly as given', async () => {
    const body = { metadata: { entityTypeName: 'device', actionName: '_create' }, data: {}, extra: 1 };

    await kit.send('notification', { body, headers: { 'x-test': 'yes' } });

    expect(seen.notification[0]?.body).toMatchObject(body);
    expect(seen.notification[0]?.headers['x-test']).toBe('yes');
  });
});
