import type { AdaptEntityHook } from '@biot-plugin/runtime';

/**
 * Runs on every entity a BioT API returns (one for CRUD calls, any number for searches). This
 * example masks national ids down to their last four characters.
 */
export const adaptEntity: AdaptEntityHook = (event) => {
  const { response } = event.body;
  return { ...response, entities: response.entities.map(maskNationalId) };
};

function maskNationalId<E extends Record<string, unknown>>(entity: E): E {
  const id = entity._nationalId;
  if (typeof id !== 'string' || id.length <= 4) return entity;
  return { ...entity, _nationalId: `${'*'.repeat(id.length - 4)}${id.slice(-4)}` };
}
