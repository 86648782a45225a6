import { block, definePlugin } from '@biot-plugin/runtime';
import { type PluginTest, startPluginTest } from '@biot-plugin/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const TRACEPARENT = '00-691d9a7ec2ebb8ad236b56d739c4c17f-ff435abc75711595-00';

/** Answers that depend on the call: blocks deletes, renames on POST, hides serial numbers, fails on demand. */
const gatekeeper = definePlugin({
  name: 'gatekeeper',
  hooks: {
    notification: (event) => {
      if (event.body.metadata.actionName === '_delete') throw new Error('the hook failed');
    },
    preRequest: (event) => {
      if (event.body.method === 'DELETE')
        return block(403, 'NO_DELETES', 'Devices are never deleted', { why: 'audit' });
      return { ...event.body.request, headers: { ...event.body.request.headers, 'x-checked': 'yes' } };
    },
    postRequest: (event) => ({ ...event.body.response, body: { renamed: true } }),
    adaptEntity: (event) => ({
      ...event.body.response,
      entities: event.body.response.entities.map((entity) => ({ ...entity, serial: '***' })),
    }),
    scheduled: () => ({ checked: 3 }),
  },
  subscriptions: {
    notifications: [{ entityTypeName: 'device', actionName: '_delete' }],
    interceptions: [
      { type: 'PRE_REQUEST', apiId: 'DELETE/device/v2/devices/{id}' },
      { type: 'POST_REQUEST', apiId: 'GET/device/v2/devices' },
      { type: 'ADAPT_ENTITY', entityName: 'device' },
    ],
  },
  schedule: 'rate(1 day)',
});

/** Implements notifications only, so BioT's other calls reach no hook. */
const listener = definePlugin({
  name: 'listener',
  hooks: { notification: () => undefined },
  subscriptions: { notifications: [{ entityTypeName: 'device', actionName: '_create' }] },
});

let kit: PluginTest;
beforeAll(async () => {
  kit = await startPluginTest(gatekeeper, { entities: { devices: [] } });
});
afterAll(() => kit.close());

describe('the answer of an interceptor', () => {
  it('gives the request BioT goes on with, not blocked', async () => {
    const answer = await kit.preRequest({ method: 'GET', path: '/device/v2/devices' });

    expect(answer.blocked).toBe(false);
    expect(answer.error).toBeUndefined();
    expect(answer.request?.headers['x-checked']).toBe('yes');
    expect(answer.json).toEqual({ request: answer.request });
  });

  it('is blocked with BioT’s error body when the hook blocks', async () => {
    const answer = await kit.preRequest({
      method: 'DELETE',
      path: '/device/v2/devices/{id}',
      pathVariables: { id: 'd-1' },
    });

    expect(answer.status).toBe(403);
    expect(answer.blocked).toBe(true);
    expect(answer.request).toBeUndefined();
    expect(answer.error).toEqual({
      code: 'NO_DELETES',
      message: 'Devices are never deleted',
      serviceName: 'gatekeeper',
      traceId: answer.traceId,
      environment: 'test',
      details: { why: 'audit' },
    });
  });

  it('gives the response the end user gets from a POST_REQUEST hook', async () => {
    const answer = await kit.postRequest({
      method: 'GET',
      path: '/device/v2/devices',
      response: { statusCode: 200, body: { data: [] } },
    });

    expect(answer.response).toEqual({ statusCode: 200, body: { renamed: true } });
  });

  it('gives the adapted entities from an ADAPT_ENTITY hook', async () => {
    const answer = await kit.adaptEntity({
      entityName: 'device',
      entities: [{ _id: 'd-1', serial: 'SN-77' }],
    });

    expect(answer.response?.entities).toEqual([{ _id: 'd-1', serial: '***' }]);
  });
});

describe('the answer of a notification', () => {
  it('is an empty 200 under the event’s trace', async () => {
    const answer = await kit.send('notification', {
      traceparent: TRACEPARENT,
      body: { metadata: { entityTypeName: 'device', actionName: '_create' }, data: {} },
    });

    expect(answer).toMatchObject({ status: 200, body: '', json: undefined, error: undefined });
    expect(answer.traceId).toBe('691d9a7ec2ebb8ad236b56d739c4c17f');
    expect(answer.headers.traceparent).toBe(TRACEPARENT);
  });

  it('is a 500 with a generic message when the hook throws', async () => {
    const answer = await kit.notification({ entityTypeName: 'device', actionName: '_delete' });

    expect(answer.status).toBe(500);
    expect(answer.error).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'The plugin failed unexpectedly',
    });
  });
});

describe('the answer of a scheduled job', () => {
  it('gives the object the hook returned', async () => {
    const answer = await kit.scheduled();

    expect(answer.result).toEqual({ checked: 3 });
  });
});

describe('the answer for a hook the plugin lacks', () => {
  it('is 404 HOOK_NOT_IMPLEMENTED, which blocks the intercepted call', async () => {
    const only = await startPluginTest(listener);
    try {
      const answer = await only.preRequest({ method: 'GET', path: '/device/v2/devices' });

      expect(answer.blocked).toBe(true);
      expect(answer.error?.code).toBe('HOOK_NOT_IMPLEMENTED');
    } finally {
      await only.close();
    }
  });
});
