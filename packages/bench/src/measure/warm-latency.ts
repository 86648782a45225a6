import type { EventType } from '@biot-plugin/biot-emulator';
import { probeResult } from '../children/run-probe.js';
import type { WarmInput, WarmResult } from '../probes/messages.js';
import type { FunctionUrlEvent } from '../probes/probe-support.js';
import type { Measurement, Target } from '../report/measurement.js';
import { LOGIN_ROUTE, PUBLIC_KEY_ROUTE } from './biot-routes.js';

export interface WarmOptions {
  bundle: string;
  emulatorUrl: string;
  env: Record<string, string>;
  pools: Partial<Record<EventType, FunctionUrlEvent[]>>;
  warmup: number;
  iterations: number;
}

/** Runs the warm probe: one process, each event type in turn, one invocation at a time. */
export function runWarm(options: WarmOptions): Promise<WarmResult> {
  const input: WarmInput = {
    bundle: options.bundle,
    emulatorUrl: options.emulatorUrl,
    warmup: options.warmup,
    iterations: options.iterations,
    phases: Object.entries(options.pools).map(([name, events]) => ({ name, events: events ?? [] })),
  };
  return probeResult<WarmResult>({ probe: 'warm', input, env: options.env, timeoutMs: 120_000 });
}

export interface LatencyLines {
  /** `warm` or `overhead`: the JSON id's prefix. */
  idPrefix: string;
  /** The metric's wording before the event type, e.g. `warm` or `pipeline overhead`. */
  label: string;
  /** After the percentile, e.g. `(example hooks)`. */
  suffix: string;
  targets?: Partial<Record<string, { p50?: Target; p99?: Target }>>;
}

/** p50 and p99 lines per event type, plus a FAIL line if any answer was not 200. */
export function latencyMeasurements(result: WarmResult, lines: LatencyLines): Measurement[] {
  const measurements: Measurement[] = [];
  for (const phase of result.phases) {
    const targets = lines.targets?.[phase.name] ?? {};
    for (const stat of ['p50', 'p99'] as const) {
      const target = targets[stat];
      measurements.push({
        id: `${lines.idPrefix}.${phase.name}.${stat}Ms`,
        metric: `${lines.label} ${phase.name} ${stat} ${lines.suffix}`.trim(),
        value: phase.latency[stat],
        unit: 'ms',
        ...(target ? { target } : {}),
        details: { ...phase.latency },
      });
    }
  }
  const non200 = result.phases.reduce((sum, phase) => sum + phase.non200, 0);
  measurements.push({
    id: `${lines.idPrefix}.non200`,
    metric: `${lines.label} answers other than 200 ${lines.suffix}`.trim(),
    value: non200,
    unit: 'count',
    target: { op: '=', limit: 0 },
  });
  return measurements;
}

/** BioT calls per warm invocation: per event type (by route in the JSON), and key fetches and logins. */
export function biotCallMeasurements(result: WarmResult, iterations: number): Measurement[] {
  const measurements: Measurement[] = [];
  let keyFetches = 0;
  let logins = 0;
  for (const phase of result.phases) {
    const perRoute: Record<string, number> = {};
    for (const [route, calls] of Object.entries(phase.biotCalls)) perRoute[route] = calls / iterations;
    const total = Object.values(phase.biotCalls).reduce((sum, calls) => sum + calls, 0);
    const routes = Object.keys(phase.biotCalls).map(shortRoute).join(', ');
    measurements.push({
      id: `biotCalls.${phase.name}`,
      metric: `BioT calls per warm ${phase.name}${routes ? ` (${routes})` : ''}`,
      value: total / iterations,
      unit: 'calls/invocation',
      details: perRoute,
    });
    keyFetches += phase.biotCalls[PUBLIC_KEY_ROUTE] ?? 0;
    logins += phase.biotCalls[LOGIN_ROUTE] ?? 0;
  }
  const invocations = iterations * result.phases.length;
  return [
    ...measurements,
    {
      id: 'biotCalls.keyFetchesPerWarmInvocation',
      metric: 'key fetches per warm invocation (all types)',
      value: keyFetches / invocations,
      unit: 'calls/invocation',
      target: { op: '=', limit: 0 },
    },
    {
      id: 'biotCalls.loginsPerWarmInvocation',
      metric: 'logins per warm invocation (all types)',
      value: logins / invocations,
      unit: 'calls/invocation',
      target: { op: '=', limit: 0 },
    },
  ];
}

/** `GET /organization/v1/users/patients/{id}` → `GET …/patients/{id}`, to keep the table narrow. */
export function shortRoute(route: string): string {
  const [method, path = ''] = route.split(' ');
  const parts = path.split('/').filter(Boolean);
  const tail = parts.at(-1)?.startsWith('{') ? parts.slice(-2) : parts.slice(-1);
  return `${method} …/${tail.join('/')}`;
}

export function peakRssMeasurement(id: string, metric: string, peakRssMiB: number): Measurement {
  return { id, metric, value: peakRssMiB, unit: 'MiB' };
}
