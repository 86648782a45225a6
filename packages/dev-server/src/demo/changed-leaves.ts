/** One value that differs between what BioT sent and what the plugin answered. */
export interface Change {
  /** `_name.firstName`, `queryParameters.searchRequest[0].limit`. */
  path: string;
  before: unknown;
  after: unknown;
}

/**
 * The leaves that differ between two JSON values. A string holding a JSON object (BioT's
 * `searchRequest` query parameter) is compared as that object, so a changed search limit shows
 * up as `…searchRequest[0].limit`, not as a changed string.
 */
export function changedLeaves(before: unknown, after: unknown, path = ''): Change[] {
  const left = asJsonObject(before);
  const right = asJsonObject(after);
  if (isContainer(left) && isContainer(right) && Array.isArray(left) === Array.isArray(right)) {
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].flatMap((key) =>
      changedLeaves(
        (left as Record<string, unknown>)[key],
        (right as Record<string, unknown>)[key],
        Array.isArray(left) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`,
      ),
    );
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

function asJsonObject(value: unknown): unknown {
  if (typeof value !== 'string' || !value.startsWith('{')) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
