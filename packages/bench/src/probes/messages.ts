import type { LatencySummary } from '../stats/percentiles.js';
import type { FunctionUrlEvent } from './probe-support.js';

/** The contract between the bench (parent) and each probe: what goes in, what comes back. */

export interface ColdInput {
  bundle: string;
  /** The first request; without one the probe only imports. */
  event?: FunctionUrlEvent;
}

export interface ColdResult {
  importMs: number;
  /** CPU time (user + system) of the import: on a busy machine, closer to a quiet run's wall time. */
  importCpuMs?: number;
  /** CPU time from just before the import to the first answer. */
  firstResponseCpuMs?: number;
  /** From just before the import to the first answer. */
  firstResponseMs?: number;
  /** From the process's start (Node's own boot included) to the first answer. */
  firstResponseSinceProcessStartMs?: number;
  status?: number;
}

export interface WarmPhase {
  /** What the table calls it, e.g. `NOTIFICATION`. */
  name: string;
  events: FunctionUrlEvent[];
}

export interface WarmInput {
  bundle: string;
  emulatorUrl: string;
  warmup: number;
  iterations: number;
  phases: WarmPhase[];
}

export interface WarmPhaseResult {
  name: string;
  latency: LatencySummary;
  /** Answers other than 200 during warm-up and measurement. */
  non200: number;
  /** BioT calls per route during the measured invocations. */
  biotCalls: Record<string, number>;
}

export interface WarmResult {
  phases: WarmPhaseResult[];
  peakRssMiB: number;
}

export interface BurstInput {
  bundle: string;
  events: FunctionUrlEvent[];
}

export interface BurstResult {
  statuses: Record<string, number>;
  ms: number;
}

export interface SoakInput {
  bundle: string;
  events: FunctionUrlEvent[];
  invocations: number;
  sampleEvery: number;
}

/** Heap in use right after a forced full GC, when `invocations` had been made. */
export interface HeapSample {
  invocations: number;
  heapUsed: number;
}

export type SoakMessage =
  | { kind: 'sample'; sample: HeapSample }
  | { kind: 'done'; invocations: number; non200: number; ms: number; peakRssMiB: number };
