import { BIOT_API_IDS } from '@biot-plugin/biot-api/api-ids';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** What a call outside BioT's API files is counted as: its path may hold ids, so it never becomes a value. */
const UNLISTED = '(unlisted)';
/** Enough for every route a plugin calls; past it, new paths are matched without being remembered. */
const CACHE_LIMIT = 500;

let templates: ReadonlyMap<string, readonly string[][]> | undefined;
const cache = new Map<string, string>();

/**
 * The `Route` dimension of a BioT call: `METHOD template`, the template taken from BioT's own API
 * files (`GET /organization/v1/users/patients/{id}`). A route the runtime gave (typed calls,
 * `getEntity`) and a raw path a hook passed to `request` (`/organization/v1/users/patients/4f1c…`)
 * both become BioT's template; anything else becomes `METHOD (unlisted)`, so no id, no user input
 * and no unbounded set of values ever reaches CloudWatch as a dimension.
 */
export function routeDimension(method: string, route: string): string {
  const verb = METHODS.has(method) ? method : 'OTHER';
  const key = `${verb} ${route}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const template = matchTemplate(verb, route);
  const value = `${verb} ${template ?? UNLISTED}`;
  if (cache.size < CACHE_LIMIT) cache.set(key, value);
  return value;
}

/**
 * The template of BioT's API files that `route` fills in: its segments equal the template's, a
 * `{parameter}` standing for any one segment (a concrete id, or the caller's own `{id}`). The most
 * literal match wins, so `/ums/v2/users/self` is itself rather than `/ums/v2/users/{id}`.
 */
function matchTemplate(method: string, route: string): string | undefined {
  const candidates = templatesByMethod().get(method);
  if (candidates === undefined) return undefined;
  const segments = route.split('/');
  let best: string[] | undefined;
  let bestLiterals = -1;
  for (const template of candidates) {
    if (template.length !== segments.length) continue;
    let literals = 0;
    let matches = true;
    for (let i = 0; i < template.length; i++) {
      const part = template[i] as string;
      const segment = segments[i] as string;
      if (part === segment && !isParameter(part)) literals += 1;
      else if (!isParameter(part) || segment === '') {
        matches = false;
        break;
      }
    }
    if (matches && literals > bestLiterals) {
      best = template;
      bestLiterals = literals;
    }
  }
  return best?.join('/');
}

/** BioT's API ids (`GET/organization/v1/...`) split once, on the first call that needs them. */
function templatesByMethod(): ReadonlyMap<string, readonly string[][]> {
  if (templates === undefined) {
    const byMethod = new Map<string, string[][]>();
    for (const id of BIOT_API_IDS) {
      const slash = id.indexOf('/');
      const method = id.slice(0, slash);
      const list = byMethod.get(method) ?? [];
      list.push(id.slice(slash).split('/'));
      byMethod.set(method, list);
    }
    templates = byMethod;
  }
  return templates;
}

function isParameter(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}
