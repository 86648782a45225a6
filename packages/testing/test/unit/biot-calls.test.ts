import { definePlugin } from '@biot-plugin/runtime';
import { BIOT_ROUTES, type PluginTest, startPluginTest } from '@biot-plugin/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const PATIENTS = '/organization/v1/users/patients';

/** On a patient's update, flags the patient and searches the other patients of its caregiver. */
const flagger = definePlugin({
  name: 'flagger',
  hooks: {
    notification: async (event, { biot }) => {
      const id = event.body.data.entity?._id ?? '';
      await biot.patchEntity(PATIENTS, id, { flagged: true, _name: { firstName: 'Dana', lastName: 'Levi' } });
      await biot.search(PATIENTS, { filter: { '_caregiver.id': { eq: 'c-1' } }, limit: 5 });
    },
  },
  subscriptions: { notifications: [{ entityTypeName: 'patient', actionName: '_update' }] },
});

const DANA = { _id: 'p-1', _name: { firstName: 'Dana', lastName: 'Cohen' }, _caregiver: { id: 'c-1' } };

let kit: PluginTest;
beforeAll(async () => {
  kit = await startPluginTest(flagger, { entities: { patients: [DANA] } });
});
beforeEach(() => kit.reset());
afterAll(() => kit.close());

const update = () => kit.notification({ entityTypeName: 'patient', actionName: '_update', entityId: 'p-1' });

describe('kit.biot.calls', () => {
  it('records a PATCH by its route template, with the body the plugin sent', async () => {
    await update();

    const [patch, ...others] = kit.biot.calls('PATCH /organization/v1/users/patients/{id}');
    expect(others).toEqual([]);
    expect(patch).toMatchObject({
      method: 'PATCH',
      path: '/organization/v1/users/patients/p-1',
      body: { flagged: true, _name: { firstName: 'Dana', lastName: 'Levi' } },
      status: 200,
    });
  });

  it('records a search with its searchRequest parsed', async () => {
    await update();

    const [search] = kit.biot.calls('GET /organization/v1/users/patients');
    expect(search?.searchRequest).toEqual({ filter: { '_caregiver.id': { eq: 'c-1' } }, limit: 5 });
    expect(search?.body).toBeUndefined();
  });

  it("records the event's traceparent on every call the hook made", async () => {
    const answer = await update();

    const hookCalls = [
      ...kit.biot.calls('PATCH /organization/v1/users/patients/{id}'),
      ...kit.biot.calls('GET /organization/v1/users/patients'),
    ];
    expect(hookCalls.map((call) => call.traceparent?.split('-')[1])).toEqual([
      answer.traceId,
      answer.traceId,
    ]);
  });

  it("lists every call in order, the runtime's key fetch and login first, never the login's secret", async () => {
    await update();

    const calls = kit.biot.calls();
    expect(calls.map((call) => call.route)).toEqual([
      'GET /ums/v1/security/public-key',
      'POST /ums/v2/services/accessToken',
      'PATCH /organization/v1/users/patients/{id}',
      'GET /organization/v1/users/patients',
    ]);
    expect(calls[1]?.body).toBeUndefined();
  });

  it('records what the plugin sent to a failing BioT, and the failure it got', async () => {
    kit.emulator.injectFault({ route: 'PATCH /organization/v1/users/patients/{id}', status: 500 });

    const answer = await update();

    expect(answer.error).toMatchObject({ code: 'BIOT_API_ERROR', details: { upstreamStatus: 500 } });
    expect(kit.biot.calls('PATCH /organization/v1/users/patients/{id}')).toMatchObject([
      { status: 500, body: { flagged: true } },
    ]);
  });
});

describe('kit.biot entities', () => {
  it('shows the entity as BioT holds it after the hook patched it', async () => {
    await update();

    expect(kit.biot.entity('patient', 'p-1')).toMatchObject({
      _id: 'p-1',
      flagged: true,
      _name: { firstName: 'Dana', lastName: 'Levi' },
    });
    expect(kit.biot.patients()).toHaveLength(1);
  });

  it('shows no entity for an id BioT does not hold', () => {
    expect(kit.biot.entity('device', 'p-1')).toBeUndefined();
  });
});

describe('BIOT_ROUTES', () => {
  it('names only routes the emulator serves', async () => {
    for (const route of BIOT_ROUTES) {
      const [method, template = ''] = route.split(' ');
      await fetch(`${kit.emulator.url}${template.replaceAll(/\{\w+\}/g, 'x')}`, { method });
    }

    expect(kit.biot.calls().map((call) => call.route)).toEqual(BIOT_ROUTES);
  });
});
