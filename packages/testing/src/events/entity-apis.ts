import type { EntityCollection, EntityStore } from '@biot-plugin/biot-emulator';

/**
 * The BioT APIs of the entities the emulator serves (BIOT-CONTRACT.md §6), by BioT's entity name. An
 * intercepted call on one of these paths names its entity, as BioT's envelope does (§1.4).
 */
export const ENTITY_APIS = {
  patient: '/organization/v1/users/patients',
  device: '/device/v1/devices',
} as const;

/** The entity types the emulator stores, by BioT's entity name. */
export type StoredEntityType = keyof typeof ENTITY_APIS;

export function isStoredEntityType(name: string): name is StoredEntityType {
  return Object.hasOwn(ENTITY_APIS, name);
}

/** The entity whose API `path` belongs to (the collection or one entity of it), else null. */
export function entityNameOfPath(path: string): string | null {
  for (const [name, base] of Object.entries(ENTITY_APIS)) {
    if (path === base || path.startsWith(`${base}/`)) return name;
  }
  return null;
}

/** The emulator's collection of one stored entity type. */
export function collectionOf(entities: EntityStore, entityTypeName: StoredEntityType): EntityCollection {
  return entityTypeName === 'patient' ? entities.patients : entities.devices;
}
