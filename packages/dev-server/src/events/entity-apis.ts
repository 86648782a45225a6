import type { BiotEntity, EntityCollection, EntityStore } from '@biot-plugin/biot-emulator';

/** A BioT entity API the emulator serves (BIOT-CONTRACT.md §6): its path and the entities behind it. */
export interface EntityApi {
  /** BioT's entity type name, as subscriptions and events name it: `patient`. */
  readonly entityTypeName: string;
  /** The collection's path; one entity is `<path>/<id>`. */
  readonly path: string;
  collection(store: EntityStore): EntityCollection;
}

export const ENTITY_APIS: readonly EntityApi[] = [
  {
    entityTypeName: 'patient',
    path: '/organization/v1/users/patients',
    collection: (store) => store.patients,
  },
  { entityTypeName: 'device', path: '/device/v1/devices', collection: (store) => store.devices },
];

export function entityApiNamed(entityTypeName: string | undefined): EntityApi | undefined {
  return ENTITY_APIS.find((api) => api.entityTypeName === entityTypeName);
}

/** The API a path belongs to, and the entity id after the collection's path if there is one. */
export function entityApiOfPath(path: string): { api: EntityApi; id: string | undefined } | undefined {
  for (const api of ENTITY_APIS) {
    if (path === api.path) return { api, id: undefined };
    if (path.startsWith(`${api.path}/`)) return { api, id: path.slice(api.path.length + 1) };
  }
  return undefined;
}

/**
 * The entities an event about `entityTypeName` carries: the emulator's own (so a hook that reads
 * one back through BioT finds it), or, for a type the emulator does not serve, one made up.
 */
export function entitiesOfType(store: EntityStore, entityTypeName: string | undefined): BiotEntity[] {
  const api = entityApiNamed(entityTypeName);
  const entities = api?.collection(store).list() ?? [];
  return entities.length > 0 ? entities : [{ _id: crypto.randomUUID() }];
}
