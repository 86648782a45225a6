import { entityApiOfPath, type RequestLogEntry } from '@biot-plugin/biot-emulator';

/** The BioT calls a plugin makes before it can do anything: not what the hook did. */
const GROUNDWORK: Record<string, string> = {
  'GET /ums/v1/security/public-key': "fetched BioT's public key",
  'POST /ums/v2/services/accessToken': 'logged in',
};

const VERBS: Record<string, string> = { GET: 'read', PATCH: 'updated', DELETE: 'deleted', PUT: 'replaced' };

export interface BiotCalls {
  /** Every route called, in order: `GET /organization/v1/users/patients/{id}`. */
  routes: string[];
  /** What the hook asked BioT for, in words: `read patient 72b65591…`, `updated device pump-0001`. */
  hookCalls: string[];
  /** Public-key fetches and logins the runtime made on the hook's behalf. */
  groundwork: string[];
}

/**
 * The emulator's request log entries made under one trace: the runtime forwards the event's
 * `traceparent` on every BioT call (BIOT-CONTRACT.md §5), so this is exactly what one event caused. A
 * call without one (a direct invocation that answered none) caused nothing that can be told apart.
 */
export function callsOfTrace(
  requests: readonly RequestLogEntry[],
  traceparent: string | undefined,
): BiotCalls {
  const traceId = traceparent?.split('-')[1];
  const calls =
    traceId === undefined ? [] : requests.filter((entry) => entry.traceparent?.split('-')[1] === traceId);
  return {
    routes: calls.map((entry) => entry.route),
    hookCalls: calls.filter((entry) => !(entry.route in GROUNDWORK)).map(describeCall),
    groundwork: calls.flatMap((entry) => GROUNDWORK[entry.route] ?? []),
  };
}

function describeCall(entry: RequestLogEntry): string {
  const failed = entry.status >= 400 ? ` (${entry.status})` : '';
  const target = entityApiOfPath(entry.path);
  if (target === undefined) return `${entry.method} ${entry.path}${failed}`;
  const noun = target.entityTypeName;
  if (target.id === undefined) {
    return entry.method === 'GET' ? `searched ${noun}s${failed}` : `${entry.method} ${noun}s${failed}`;
  }
  return `${VERBS[entry.method] ?? entry.method} ${noun} ${shortId(target.id)}${failed}`;
}

/** A UUID is told apart by its first 8 characters; a short id (BioT's device ids) is shown whole. */
function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}
