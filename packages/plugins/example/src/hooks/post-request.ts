import type { PostRequestHook } from '@biot-plugin/runtime';
import type { Patient } from './patients.js';

/**
 * Runs after a BioT API call, before the caller sees the answer. This example tidies how names
 * are written (`dana` → `Dana`) in single entities and in search results.
 */
export const postRequest: PostRequestHook = (event) => {
  const { response } = event.body;
  const body = response.body as { data?: unknown } | Patient | null | undefined;
  if (typeof body !== 'object' || body === null) return response;
  if (Array.isArray(body.data)) {
    return { ...response, body: { ...body, data: body.data.map(withTidyName) } };
  }
  return { ...response, body: withTidyName(body) };
};

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
