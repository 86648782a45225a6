import { EmulatorUsageError } from '../errors.js';

/**
 * A failure to stage on a route. The effects combine in this order: wait `latencyMs`, then hang,
 * drop, answer `status` (with `body`, or a BioT error body), or serve the request normally.
 */
export interface FaultSpec {
  /** `METHOD /route/{template}` as in stats, a concrete `METHOD /path`, or `*` for every BioT route. */
  route: string;
  /** Answer with this status instead of serving; the body is `body` or a BioT error body. */
  status?: number;
  /** The answer body: an object is sent as JSON, a string as-is (e.g. a proxy's HTML page). */
  body?: unknown;
  /** Delay before anything else happens. */
  latencyMs?: number;
  /** Never answer; the request stays open until the client gives up or the emulator closes. */
  hang?: boolean;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** How many matching requests the fault applies to. Default 1; `Infinity` for all. */
  times?: number;
}

/** A validated fault with its remaining count. */
export interface ArmedFault {
  readonly route: string;
  readonly status?: number;
  readonly body?: unknown;
  readonly latencyMs: number;
  readonly hang: boolean;
  readonly drop: boolean;
  remaining: number;
}

const ROUTE = /^(\*|[A-Z]+ \/\S*)$/;

export function armFault(spec: FaultSpec): ArmedFault {
  if (typeof spec !== 'object' || spec === null) throw new EmulatorUsageError('A fault must be an object');
  const { route, status, body, latencyMs = 0, hang = false, drop = false, times = 1 } = spec;
  if (typeof route !== 'string' || !ROUTE.test(route)) {
    throw new EmulatorUsageError(`Fault route must be '*' or 'METHOD /path', got ${JSON.stringify(route)}`);
  }
  if (status !== undefined && (!Number.isInteger(status) || status < 100 || status > 599)) {
    throw new EmulatorUsageError(`Fault status must be an HTTP status code, got ${JSON.stringify(status)}`);
  }
  if (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 0) {
    throw new EmulatorUsageError('Fault latencyMs must be a non-negative number');
  }
  if (typeof hang !== 'boolean' || typeof drop !== 'boolean') {
    throw new EmulatorUsageError('Fault hang and drop must be booleans');
  }
  if (times !== Number.POSITIVE_INFINITY && (!Number.isInteger(times) || times < 1)) {
    throw new EmulatorUsageError('Fault times must be a positive integer or Infinity');
  }
  if (body !== undefined && status === undefined) throw new EmulatorUsageError('A fault body needs a status');
  const outcomes = [hang, drop, status !== undefined].filter(Boolean).length;
  if (outcomes > 1) throw new EmulatorUsageError('A fault can hang, drop or answer a status, not several');
  if (outcomes === 0 && latencyMs === 0) {
    throw new EmulatorUsageError('A fault needs an effect: status, latencyMs, hang or drop');
  }
  return { route, status, body, latencyMs, hang, drop, remaining: times };
}
