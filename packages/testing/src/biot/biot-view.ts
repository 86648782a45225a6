import {
  type BiotEmulator,
  type BiotEntity,
  ENTITY_APIS,
  type RequestLogEntry,
  type StoredEntityType,
} from '@biot-plugin/biot-emulator';
import type { BiotRoute } from './biot-routes.js';

/** One request BioT (the emulator) received, its body and query already parsed. */
export interface BiotCall {
  readonly method: string;
  /** The route template, e.g. `PATCH /device/v2/devices/{id}`; `METHOD /path` for a route BioT lacks. */
  readonly route: string;
  /** The concrete path, e.g. `/device/v2/devices/d-1`. */
  readonly path: string;
  /** Query parameters (the first value of each). */
  readonly query: Readonly<Record<string, string>>;
  /** The `searchRequest` query parameter, parsed; undefined when there is none. */
  readonly searchRequest: unknown;
  /** The JSON body parsed (the text when it is not JSON); undefined without one. The login's is never kept: it is the secret. */
  readonly body: unknown;
  /** What BioT answered; 0 for a request that hung or was dropped. */
  readonly status: number;
  /** The `traceparent` the plugin sent: the event's, when the runtime forwards it (BIOT-CONTRACT.md §5). */
  readonly traceparent: string | undefined;
  /** The `allow-interception` header the plugin sent, if any (BIOT-CONTRACT.md §6). */
  readonly allowInterception: string | undefined;
  /** Epoch milliseconds when the request arrived. */
  readonly at: number;
}

/** What BioT received from the plugin, and what it holds now. */
export interface BiotView {
  /** Every request on `route` (a template), oldest first; with no route, every request. */
  calls(route?: BiotRoute): BiotCall[];
  /** A patient or device as the emulator holds it now (a copy); undefined when there is none. */
  entity(entityTypeName: StoredEntityType, id: string): BiotEntity | undefined;
  patients(): BiotEntity[];
  devices(): BiotEntity[];
}

export function biotView(emulator: BiotEmulator): BiotView {
  return {
    calls: (route) =>
      emulator.requests.filter((entry) => route === undefined || entry.route === route).map(biotCall),
    entity: (entityTypeName, id) => ENTITY_APIS[entityTypeName].collection(emulator.entities).get(id),
    patients: () => emulator.entities.patients.list(),
    devices: () => emulator.entities.devices.list(),
  };
}

function biotCall(entry: RequestLogEntry): BiotCall {
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(entry.query ?? '')) {
    if (!Object.hasOwn(query, name)) query[name] = value;
  }
  return {
    method: entry.method,
    route: entry.route,
    path: entry.path,
    query,
    searchRequest: query.searchRequest === undefined ? undefined : parsed(query.searchRequest),
    body: entry.body === undefined ? undefined : parsed(entry.body),
    status: entry.status,
    traceparent: entry.traceparent,
    allowInterception: entry.allowInterception,
    at: entry.at,
  };
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
