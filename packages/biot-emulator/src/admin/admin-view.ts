import type { InterceptionSubscription } from '../dispatcher/interception-subscriptions.js';
import type { NotificationSubscription } from '../dispatcher/notification-subscriptions.js';
import type { EntityStore } from '../entities/entity-store.js';
import type { RequestLogEntry } from '../observe/request-log.js';
import type { ServiceUserView } from '../ums/service-users.js';

/** What the read-only view shows: the emulator's state as a user of `pnpm start -- --serve` wants to see it. */
export interface ViewedState {
  readonly entities: EntityStore;
  readonly requests: readonly RequestLogEntry[];
  readonly subscriptions: {
    readonly notifications: readonly NotificationSubscription[];
    readonly interceptions: readonly InterceptionSubscription[];
  };
  serviceUsers(): ServiceUserView[];
}

export const VIEW_PATH = '/_emulator/view';

const REDACTED = '[REDACTED]';

/**
 * Keys whose values are secrets wherever they sit in a body: a service user's key, BioT's and the
 * end user's tokens. A plugin under development sends what it likes, so the view does not trust
 * the request log to hold none of them.
 */
const SECRET_KEYS = new Set([
  'authorization',
  'jwt',
  'token',
  'accesstoken',
  'refreshtoken',
  'secretkey',
  'secret',
  'password',
  'cookie',
  'x-api-key',
]);
const JWT_SHAPE = /eyJ[\w-]*\.[\w-]+\.[\w-]*/g;
/** The emulator's service access tokens: 32 random bytes, base64url (ums/access-token-sessions.ts). */
const ACCESS_TOKEN_SHAPE = /(?<![\w-])[\w-]{43}(?![\w-])/g;
const BEARER = /(bearer\s+)\S+/gi;

/** `GET /_emulator/view`: what there is, and where to look at each part. */
export function overview(state: ViewedState, baseUrl: string) {
  const subscriptions = state.subscriptions;
  return {
    entities: {
      patient: state.entities.patients.list().length,
      device: state.entities.devices.list().length,
    },
    serviceUsers: state.serviceUsers().length,
    subscriptions: {
      notifications: subscriptions.notifications.length,
      interceptions: subscriptions.interceptions.length,
    },
    requests: state.requests.length,
    views: Object.fromEntries(VIEWS.map((view) => [view, `${baseUrl}${VIEW_PATH}/${view}`])),
  };
}

export const VIEWS = ['entities', 'service-users', 'subscriptions', 'requests'] as const;

/** The parts of the view, each a JSON object, every secret-looking value redacted. */
export const VIEW_PARTS: Record<
  (typeof VIEWS)[number],
  (state: ViewedState, query: URLSearchParams) => unknown
> = {
  entities: (state) =>
    redact({ patient: state.entities.patients.list(), device: state.entities.devices.list() }),
  // A service user's view lists key ids and creation times only, as BioT's GET does.
  'service-users': (state) => ({ serviceUsers: state.serviceUsers() }),
  subscriptions: (state) => redact(state.subscriptions),
  requests: (state, query) => {
    const last = Number(query.get('last'));
    const requests = Number.isInteger(last) && last > 0 ? state.requests.slice(-last) : state.requests;
    return { requests: requests.map(redactRequest) };
  },
};

/** A logged request with secrets taken out of its query and body (JSON or not). */
function redactRequest(entry: RequestLogEntry): RequestLogEntry {
  const { body, query, ...rest } = entry;
  return {
    ...rest,
    ...(query === undefined ? {} : { query: redactText(query) }),
    ...(body === undefined ? {} : { body: redactBody(body) }),
  };
}

function redactBody(body: string): string {
  try {
    return JSON.stringify(redact(JSON.parse(body)));
  } catch {
    return redactText(body);
  }
}

function redactText(text: string): string {
  return text
    .replace(BEARER, `$1${REDACTED}`)
    .replace(JWT_SHAPE, REDACTED)
    .replace(ACCESS_TOKEN_SHAPE, REDACTED);
}

/** A copy of a JSON value with secret keys' values and token-shaped strings redacted. */
function redact(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_KEYS.has(key.toLowerCase()) && item !== null && item !== undefined ? REDACTED : redact(item),
    ]),
  );
}
