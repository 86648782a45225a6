import {
  type BiotEntity,
  ENTITY_APIS,
  type EntityStore,
  isStoredEntityType,
} from '@biot-plugin/biot-emulator';

/**
 * The entities an event about `entityTypeName` carries: the emulator's own (so a hook that reads
 * one back through BioT finds it), or, for a type the emulator does not serve, one made up.
 */
export function entitiesOfType(store: EntityStore, entityTypeName: string | undefined): BiotEntity[] {
  const entities = isStoredEntityType(entityTypeName)
    ? ENTITY_APIS[entityTypeName].collection(store).list()
    : [];
  return entities.length > 0 ? entities : [{ _id: crypto.randomUUID() }];
}
