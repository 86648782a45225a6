import type { BiotEntity } from './entity.js';
import { ROOT_ORGANIZATION_ID } from './entity.js';
import type { EntityCollection } from './entity-collection.js';
import type { EntityStore } from './entity-store.js';

/** One BioT entity API the emulator serves (BIOT-CONTRACT.md §6): its path and its records. */
export interface EntityApi {
  /** The collection's path: search is `GET <path>`, one entity is `<path>/<id>`. */
  readonly path: string;
  collection(store: EntityStore): EntityCollection;
  /**
   * The attributes BioT's file says every answer carries (`required` of its `…Response` schema),
   * for an entity a test stored without them: the emulator answers them as BioT would.
   */
  systemAttributes(entity: BiotEntity): Record<string, unknown>;
}

/** When an entity stored without its times was made, as far as the emulator knows. */
const UNKNOWN_TIME = '2025-01-01T00:00:00.000Z';
const ROOT_ORGANIZATION = { id: ROOT_ORGANIZATION_ID, name: 'BioT', templateId: null, parentEntityId: null };

/** An entity as the API answers it: its own attributes over the system ones BioT always sends. */
export function answeredEntity(api: EntityApi, entity: BiotEntity): BiotEntity {
  const own = Object.entries(entity).filter(([, value]) => value !== undefined);
  return { ...api.systemAttributes(entity), ...Object.fromEntries(own) } as BiotEntity;
}

/**
 * The entity APIs the emulator serves, by BioT's entity type name. Its routes are made from this
 * table, and the tools that build events about entities (dev server, test kit) read it too.
 */
export const ENTITY_APIS = {
  patient: {
    path: '/organization/v1/users/patients',
    collection: (store) => store.patients,
    systemAttributes: () => ({
      _name: { firstName: '', lastName: '' },
      _invitationAccepted: false,
      _creationTime: UNKNOWN_TIME,
      _lastModifiedTime: UNKNOWN_TIME,
    }),
  },
  device: {
    path: '/device/v2/devices',
    collection: (store) => store.devices,
    systemAttributes: (entity) => ({
      _caption: entity._id,
      _ownerOrganization: ROOT_ORGANIZATION,
      _creationTime: UNKNOWN_TIME,
      _lastModifiedTime: UNKNOWN_TIME,
    }),
  },
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
