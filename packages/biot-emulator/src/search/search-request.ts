import { BadRequestError } from '../errors.js';
import { isPlainObject } from '../http/json-body.js';

/** One field's condition. BioT clients also send an empty nested `filter: {}`; it means nothing. */
export interface FieldFilter {
  eq?: unknown;
  in?: unknown[];
  notIn?: unknown[];
}

export interface SortOrder {
  prop: string;
  order: 'ASC' | 'DESC';
}

/** The `searchRequest` query parameter of BioT list APIs (BIOT-CONTRACT.md §6). */
export interface SearchRequest {
  filter: Record<string, FieldFilter>;
  sort: SortOrder[];
  page: number;
  limit: number;
  freeTextSearch: string;
}

/** The list answer of BioT search APIs: `{data, metadata: {sort, filter, page, freeTextSearch}}` (BIOT-CONTRACT.md §6). */
export interface SearchResult<T> {
  data: T[];
  metadata: {
    sort: SortOrder[];
    filter: Record<string, FieldFilter>;
    page: { totalResults: number; page: number; limit: number };
    freeTextSearch: string;
  };
}

// BioT's server-side default page size (BIOT-CONTRACT.md §6).
const DEFAULT_LIMIT = 100;
const OPERATORS = new Set(['eq', 'in', 'notIn', 'filter']);

/**
 * Parses `?searchRequest=<URL-encoded JSON>`. Operators other than `eq`, `in` and `notIn` are
 * refused rather than ignored, so a test never passes on a filter the emulator silently dropped.
 */
export function parseSearchRequest(query: URLSearchParams): SearchRequest {
  const raw = query.get('searchRequest');
  if (raw === null || raw.trim() === '')
    return { filter: {}, sort: [], page: 0, limit: DEFAULT_LIMIT, freeTextSearch: '' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid('searchRequest is not valid JSON');
  }
  if (!isPlainObject(parsed)) throw invalid('searchRequest must be a JSON object');
  return {
    filter: parseFilter(parsed.filter),
    sort: parseSort(parsed.sort),
    page: nonNegativeInteger(parsed.page, 'page', 0),
    limit: positiveInteger(parsed.limit, 'limit', DEFAULT_LIMIT),
    freeTextSearch: typeof parsed.freeTextSearch === 'string' ? parsed.freeTextSearch : '',
  };
}

/** Filters, sorts and pages `items` (plain JSON objects) as a BioT search API would. */
export function search<T extends object>(items: readonly T[], request: SearchRequest): SearchResult<T> {
  const conditions = Object.entries(request.filter);
  const matching = items.filter((item) =>
    conditions.every(([path, condition]) => satisfies(valueAt(item, path), condition)),
  );
  if (request.sort.length > 0) matching.sort((a, b) => compareBy(a, b, request.sort));
  const start = request.page * request.limit;
  return {
    data: matching.slice(start, start + request.limit),
    metadata: {
      sort: request.sort,
      filter: request.filter,
      page: { totalResults: matching.length, page: request.page, limit: request.limit },
      freeTextSearch: request.freeTextSearch,
    },
  };
}

function parseFilter(value: unknown): Record<string, FieldFilter> {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw invalid('filter must be an object');
  const filter: Record<string, FieldFilter> = {};
  for (const [path, condition] of Object.entries(value)) {
    if (!isPlainObject(condition)) throw invalid(`filter.${path} must be an object`);
    for (const operator of Object.keys(condition)) {
      if (!OPERATORS.has(operator))
        throw invalid(`filter.${path}.${operator} is not supported`, { operator });
    }
    for (const operator of ['in', 'notIn'] as const) {
      if (condition[operator] !== undefined && !Array.isArray(condition[operator])) {
        throw invalid(`filter.${path}.${operator} must be an array`);
      }
    }
    filter[path] = condition as FieldFilter;
  }
  return filter;
}

function parseSort(value: unknown): SortOrder[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid('sort must be an array');
  return value.map((entry) => {
    if (!isPlainObject(entry) || typeof entry.prop !== 'string') throw invalid('sort entries need a prop');
    const order = entry.order ?? 'ASC';
    if (order !== 'ASC' && order !== 'DESC') throw invalid('sort order must be ASC or DESC');
    return { prop: entry.prop, order };
  });
}

// An empty `in` list is read as "no condition": BioT's own console sends `in: []` and `notIn: []`
// for filters the user left blank (BIOT-CONTRACT.md §1.4 capture).
function satisfies(value: unknown, condition: FieldFilter): boolean {
  if ('eq' in condition && value !== condition.eq) return false;
  if (condition.in !== undefined && condition.in.length > 0 && !condition.in.includes(value)) return false;
  if (condition.notIn?.includes(value)) return false;
  return true;
}

/** Reads a dotted path such as `_ownerOrganization.id`. */
function valueAt(item: object, path: string): unknown {
  let current: unknown = item;
  for (const key of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

function compareBy(a: object, b: object, sort: SortOrder[]): number {
  for (const { prop, order } of sort) {
    const left = valueAt(a, prop);
    const right = valueAt(b, prop);
    if (left === right) continue;
    const direction = order === 'DESC' ? -1 : 1;
    if (left === undefined || left === null) return direction;
    if (right === undefined || right === null) return -direction;
    return (String(left) < String(right) ? -1 : 1) * direction;
  }
  return 0;
}

function nonNegativeInteger(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || (value as number) < 0)
    throw invalid(`${name} must be a non-negative integer`);
  return value as number;
}

function positiveInteger(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || (value as number) < 1) throw invalid(`${name} must be a positive integer`);
  return value as number;
}

function invalid(message: string, details: Record<string, unknown> = {}): BadRequestError {
  return new BadRequestError('INVALID_SEARCH_REQUEST', message, details);
}
