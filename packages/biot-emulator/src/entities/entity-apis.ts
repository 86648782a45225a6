import type { EntityCollection } from './entity-collection.js';
import type { EntityStore } from './entity-store.js';

/** One BioT entity API the emulator serves (BIOT-CONTRACT.md §6): its path and its records. */
export interface EntityApi {
  /** The collection's path: search is `GET <path>`, one entity is `<path>/<id>`. */
  readonly path: string;
  collection(store: EntityStore): EntityCollection;
}

/**
 * The entity APIs the emulator serves, by BioT's entity type name. Its routes are made from this
 * table, and the tools that build events about entities (dev server, test kit) read it too.
 */
export const ENTITY_APIS = {
  patient: { path: '/organization/v1/users/patients', collection: (store) => store.patients },
  device: { path: '/device/v2/devices', collection: (store) => store.devices },
} as const satisfies Record<string, EntityApi>;

/** The entity types the emulator stores. */
export type StoredEntityType = keyof typeof ENTITY_APIS;

export function isStoredEntityType(name: unknown): name is StoredEntityType {
  return typeof name === 'string' && Object.hasOwn(ENTITY_APIS, name);
}

/** The API a path belongs to (its collection, or one entity of it, with that entity's id). */
export function entityApiOfPath(
  path: string,
): { entityTypeName: StoredEntityType; api: EntityApi; id: string | undefined } | undefined {
  for (const [entityTypeName, api] of Object.entries(ENTITY_APIS) as [StoredEntityType, EntityApi][]) {
    if (path === api.path) return { entityTypeName, api, id: undefined };
    if (path.startsWith(`${api.path}/`)) return { entityTypeName, api, id: path.slice(api.path.length + 1) };
  }
  return undefined;
}
