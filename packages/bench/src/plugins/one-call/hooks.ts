import {
  type AdaptEntityHook,
  block,
  type NotificationHook,
  type PostRequestHook,
  type PreRequestHook,
  type ScheduledHook,
} from '@biot-plugin/runtime';

/*
 * The hooks the bench measured when they were the runtime's example hooks, unchanged, so that
 * figures taken before and after plugins became packages of their own compare.
 */

const PATIENTS = '/organization/v1/users/patients';
const MAX_PAGE_SIZE = 50;

interface Patient {
  _id: string;
  _name?: { firstName?: string | null; lastName?: string | null } | null;
  _nationalId?: string | null;
  _enabled?: string;
  [attribute: string]: unknown;
}

/** Re-reads a changed patient through BioT: the one BioT call of a warm notification. */
export const notification: NotificationHook = async (event, { biot, logger }) => {
  const { entityTypeName, actionName } = event.body.metadata;
  const entityId = event.body.data.entity?._id;
  if (entityTypeName !== 'patient' || entityId === undefined || actionName === '_delete') {
    logger.info('Notification needs no action', { entityTypeName, actionName });
    return;
  }
  const patient = await biot.getEntity<Patient>(PATIENTS, entityId);
  logger.info('Patient changed', { patientId: patient._id, actionName, enabled: patient._enabled });
};

/** Refuses patient deletes; caps the page size of patient searches. */
export const preRequest: PreRequestHook = (event, { logger }) => {
  const { method, request } = event.body;
  if (method === 'DELETE' && request.path.startsWith(`${PATIENTS}/`)) {
    return block(403, 'ACCESS_DENIED', 'Deleting patients is disabled by the plugin');
  }
  const searchRequest = parseSearchRequest(request.queryParameters.searchRequest?.[0]);
  if (searchRequest === undefined || (searchRequest.limit ?? Number.POSITIVE_INFINITY) <= MAX_PAGE_SIZE) {
    return request;
  }
  logger.info('Capping the page size of a search', { requested: searchRequest.limit, cap: MAX_PAGE_SIZE });
  return {
    ...request,
    queryParameters: {
      ...request.queryParameters,
      searchRequest: [JSON.stringify({ ...searchRequest, limit: MAX_PAGE_SIZE })],
    },
  };
};

/** Tidies how names are written (`dana` → `Dana`) in single entities and search results. */
export const postRequest: PostRequestHook = (event) => {
  const { response } = event.body;
  const body = response.body as { data?: unknown } | Patient | null | undefined;
  if (typeof body !== 'object' || body === null) return response;
  if (Array.isArray(body.data)) {
    return { ...response, body: { ...body, data: body.data.map(withTidyName) } };
  }
  return { ...response, body: withTidyName(body) };
};

/** Masks national ids down to their last four characters. */
export const adaptEntity: AdaptEntityHook = (event) => {
  const { response } = event.body;
  return { ...response, entities: response.entities.map(maskNationalId) };
};

/** Counts the enabled patients: one BioT search. */
export const scheduled: ScheduledHook = async (_event, { biot, logger }) => {
  const result = await biot.search(PATIENTS, { filter: { _enabled: { eq: 'ENABLED' } }, limit: 1 });
  const enabledPatients = result.metadata?.page?.totalResults ?? result.data.length;
  logger.info('Counted enabled patients', { enabledPatients });
  return { enabledPatients };
};

function parseSearchRequest(value: string | undefined): { limit?: number } | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function withTidyName(entity: unknown): unknown {
  if (typeof entity !== 'object' || entity === null) return entity;
  const { _name: name } = entity as Patient;
  if (typeof name !== 'object' || name === null) return entity;
  return {
    ...entity,
    _name: { ...name, firstName: capitalize(name.firstName), lastName: capitalize(name.lastName) },
  };
}

function capitalize(value: string | null | undefined): string | null | undefined {
  return typeof value === 'string' && value.length > 0 ? value[0]?.toUpperCase() + value.slice(1) : value;
}

function maskNationalId<E extends Record<string, unknown>>(entity: E): E {
  const id = entity._nationalId;
  if (typeof id !== 'string' || id.length <= 4) return entity;
  return { ...entity, _nationalId: `${'*'.repeat(id.length - 4)}${id.slice(-4)}` };
}
