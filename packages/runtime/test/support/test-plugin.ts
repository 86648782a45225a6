import type { PluginHooks } from '../../src/hook-api/hooks.js';
import { block } from '../../src/hook-api/index.js';
import type { HookName } from '../../src/hook-types.js';
import { definePlugin, type PluginDefinition } from '../../src/plugin/define-plugin.js';
import type { DeclaredSubscriptions } from '../../src/plugin/subscriptions.js';

export const PATIENTS = '/organization/v1/users/patients';

/**
 * The framework tests' own hooks, one of each type, each doing the kind of work a real plugin
 * does (a BioT read, a change, a block), so every stage of the pipeline has something to carry.
 * They belong to the tests: a plugin author replacing the example plugin changes nothing here.
 */
export const testHooks: PluginHooks = {
  notification: async (event, { biot }) => {
    const id = event.body.data.entity?._id;
    if (event.body.metadata.entityTypeName === 'patient' && id !== undefined) {
      await biot.getEntity(PATIENTS, id);
    }
  },
  preRequest: (event) => {
    const { method, request } = event.body;
    if (method === 'DELETE' && request.path.startsWith(`${PATIENTS}/`)) {
      return block(403, 'ACCESS_DENIED', 'Deleting patients is disabled by the plugin');
    }
    const search = JSON.parse(request.queryParameters.searchRequest?.[0] ?? '{}') as { limit?: number };
    if ((search.limit ?? 0) <= 50) return request;
    return {
      ...request,
      queryParameters: {
        ...request.queryParameters,
        searchRequest: [JSON.stringify({ ...search, limit: 50 })],
      },
    };
  },
  postRequest: (event) => {
    const { response } = event.body;
    const body = response.body as { data?: Array<{ _name?: { firstName?: string } }> } | null;
    if (!Array.isArray(body?.data)) return response;
    const data = body.data.map((patient) => {
      const first = patient._name?.firstName;
      if (typeof first !== 'string' || first === '') return patient;
      return { ...patient, _name: { ...patient._name, firstName: first[0]?.toUpperCase() + first.slice(1) } };
    });
    return { ...response, body: { ...body, data } };
  },
  adaptEntity: (event) => {
    const { response } = event.body;
    const entities = response.entities.map((entity) => {
      const id = entity._nationalId;
      return typeof id === 'string' && id.length > 4
        ? { ...entity, _nationalId: `****${id.slice(-4)}` }
        : entity;
    });
    return { ...response, entities };
  },
  scheduled: async (_event, { biot }) => {
    const result = await biot.search(PATIENTS, { filter: { _enabled: { eq: 'ENABLED' } }, limit: 1 });
    return { enabledPatients: result.metadata?.page?.totalResults ?? result.data.length };
  },
};

/** A subscription per hook, so any set of hooks makes a consistent definition. */
const CALLED_BY: Record<HookName, Partial<DeclaredSubscriptions> & { schedule?: string }> = {
  notification: { notifications: [{ entityTypeName: 'patient', actionName: '_create' }] },
  preRequest: { interceptions: [{ type: 'PRE_REQUEST', apiId: `GET${PATIENTS}` }] },
  postRequest: { interceptions: [{ type: 'POST_REQUEST', apiId: `GET${PATIENTS}` }] },
  adaptEntity: { interceptions: [{ type: 'ADAPT_ENTITY', entityName: 'patient' }] },
  scheduled: { schedule: 'rate(1 day)' },
};

/** A plugin named `test-plugin` with exactly these hooks, each subscribed. */
export function testPlugin(hooks: Partial<PluginHooks> = testHooks): PluginDefinition {
  const names = Object.keys(hooks) as HookName[];
  const schedule = names.includes('scheduled') ? CALLED_BY.scheduled.schedule : undefined;
  return definePlugin({
    name: 'test-plugin',
    hooks,
    subscriptions: {
      notifications: names.flatMap((name) => CALLED_BY[name].notifications ?? []),
      interceptions: names.flatMap((name) => CALLED_BY[name].interceptions ?? []),
    },
    ...(schedule ? { schedule } : {}),
  });
}
