import { isPlainObject } from '../http/json-body.js';
import type { BiotEntity } from './entity.js';

/**
 * One entity type's records, in memory. Everything in and out is a copy, so a test holding an
 * entity cannot change the store behind the emulator's back.
 */
export class EntityCollection {
  readonly #entities = new Map<string, BiotEntity>();

  constructor(
    /** BioT's entity type name, e.g. `patient`, `device`. */
    readonly entityTypeName: string,
    private readonly seed: () => BiotEntity[],
  ) {
    this.reset();
  }

  list(): BiotEntity[] {
    return [...this.#entities.values()].map((entity) => structuredClone(entity));
  }

  get(id: string): BiotEntity | undefined {
    const entity = this.#entities.get(id);
    return entity === undefined ? undefined : structuredClone(entity);
  }

  /** Inserts or replaces a whole entity. */
  put(entity: BiotEntity): BiotEntity {
    this.#entities.set(entity._id, structuredClone(entity));
    return structuredClone(entity);
  }

  /**
   * Merges `changes` into an entity the way a BioT PATCH does: given attributes replace, nested
   * objects (e.g. `_name`) merge, `null` clears. `_id` and `_creationTime` never change.
   */
  patch(id: string, changes: Record<string, unknown>): BiotEntity | undefined {
    const current = this.#entities.get(id);
    if (current === undefined) return undefined;
    const merged = mergeInto(structuredClone(current), changes) as BiotEntity;
    merged._id = current._id;
    merged._creationTime = current._creationTime;
    merged._lastModifiedTime = new Date().toISOString();
    this.#entities.set(id, merged);
    return structuredClone(merged);
  }

  remove(id: string): boolean {
    return this.#entities.delete(id);
  }

  /** Back to the seeded records. */
  reset(): void {
    this.#entities.clear();
    for (const entity of this.seed()) this.#entities.set(entity._id, entity);
  }
}

function mergeInto(
  target: Record<string, unknown>,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  for (const [key, value] of Object.entries(changes)) {
    const existing = target[key];
    target[key] =
      isPlainObject(existing) && isPlainObject(value) ? mergeInto(existing, value) : structuredClone(value);
  }
  return target;
}
