import { SERVICE_LOGIN_PATH } from '@biot-plugin/core';
import { PUBLIC_KEY_PATH } from '../auth/public-key-store.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** What a call without a route template is counted as: its path may hold ids, so it never becomes a value. */
const UNLISTED = '(unlisted)';
/** Far more than any plugin calls; past it a new template is counted as unlisted. */
const MAX_TEMPLATES = 200;
/**
 * A literal segment that looks like data rather than a name: a run of digits, a hex string, a
 * UUID's head, or a character no BioT path name has. `v1`, `accessToken` and `public-key` pass.
 */
const DATA_SEGMENT = /\d{3,}|^[0-9a-f]{8,}$|^[0-9a-f]{8}-|[^A-Za-z0-9._~-]/i;

/**
 * The routes of BioT's API the runtime itself calls without a template (its paths hold no id):
 * the key fetch and the service login.
 */
const templates = new Set<string>([`GET ${PUBLIC_KEY_PATH}`, `POST ${SERVICE_LOGIN_PATH}`]);

/**
 * Remembers a route template the BioT client was given (a typed call's template of BioT's API
 * files, `getEntity`'s `{resource}/{id}`, a search's resource), so calls on it are counted by it.
 */
export function rememberRouteTemplate(method: string, template: string): void {
  const key = `${method} ${template}`;
  if (templates.has(key) || templates.size >= MAX_TEMPLATES || !METHODS.has(method)) return;
  const literals = template.split('/').filter((segment) => !/^\{[^{}]*\}$/.test(segment));
  if (literals.some((segment) => DATA_SEGMENT.test(segment))) return;
  templates.add(key);
}

/**
 * The `Route` dimension of a BioT call: `METHOD template` (`GET /organization/v1/users/patients/{id}`)
 * for a call made with a template, `METHOD (unlisted)` for a raw path (`request('GET', path)`),
 * so no id, no user input and no unbounded set of values ever reaches CloudWatch as a dimension.
 */
export function routeDimension(method: string, route: string): string {
  const verb = METHODS.has(method) ? method : 'OTHER';
  const key = `${verb} ${route}`;
  return templates.has(key) ? key : `${verb} ${UNLISTED}`;
}
