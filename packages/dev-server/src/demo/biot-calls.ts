import type { RequestLogEntry } from '@biot-plugin/biot-emulator';

/** The BioT calls a plugin makes before it can do anything: not what the hook did. */
const GROUNDWORK: Record<string, string> = {
  'GET /ums/v1/security/public-key': "fetched BioT's public key",
  'POST /ums/v2/services/accessToken': 'logged in',
};

const ENTITY_ROUTES: Record<string, string> = {
  '/organization/v1/users/patients': 'patient',
  '/device/v1/devices': 'device',
};

const VERBS: Record<string, string> = { GET: 'read', PATCH: 'updated', DELETE: 'deleted', PUT: 'replaced' };

export interface BiotCalls {
  /** Every route called, in order: `GET /organization/v1/users/patients/{id}`. */
  routes: string[];
  /** What the hook asked BioT for, in words: `read patient 72b65591…`. */
  hookCalls: string[];
  /** Public-key fetches and logins the runtime made on the hook's behalf. */
  groundwork: string[];
}

/**
 * The emulator's request log entries made under one trace: the runtime forwards the event's
 * `traceparent` on every BioT call (contract §5), so this is exactly what one event caused.
 */
export function callsOfTrace(requests: readonly RequestLogEntry[], traceparent: string): BiotCalls {
  const traceId = traceparent.split('-')[1];
  const calls = requests.filter((entry) => entry.traceparent?.split('-')[1] === traceId);
  return {
    routes: calls.map((entry) => entry.route),
    hookCalls: calls.filter((entry) => !(entry.route in GROUNDWORK)).map(describeCall),
    groundwork: calls.flatMap((entry) => GROUNDWORK[entry.route] ?? []),
  };
}

function describeCall(entry: RequestLogEntry): string {
  const failed = entry.status >= 400 ? ` (${entry.status})` : '';
  for (const [base, noun] of Object.entries(ENTITY_ROUTES)) {
    if (entry.path === base && entry.method === 'GET') return `searched ${noun}s${failed}`;
    if (entry.path.startsWith(`${base}/`)) {
      const id = entry.path.slice(base.length + 1);
      return `${VERBS[entry.method] ?? entry.method} ${noun} ${id.slice(0, 8)}…${failed}`;
    }
  }
  return `${entry.method} ${entry.path}${failed}`;
}
