import { summarize } from '../stats/percentiles.js';
import type { WarmInput, WarmPhaseResult, WarmResult } from './messages.js';
import {
  difference,
  emulatorRouteCounts,
  importHandler,
  lambdaContext,
  peakRssMiB,
  readInput,
  report,
} from './probe-support.js';

// One warm container. First every event type is run `warmup` times, untimed, so start-up work
// (JIT tiers, the heap's first full GCs) is over before any phase is timed, whatever its order.
// Then per type: a short re-warm, and each invocation timed on its own, one at a time as Lambda
// runs them. The events are pre-built, so only the handler is timed.
const REWARM = 100;
const input = readInput<WarmInput>();
const handler = await importHandler(input.bundle);
const non200ByPhase = new Map<string, number>();
const invoke = async (phase: WarmInput['phases'][number], i: number) => {
  const answer = await handler(phase.events[i % phase.events.length] ?? {}, lambdaContext);
  if (answer.statusCode !== 200) non200ByPhase.set(phase.name, (non200ByPhase.get(phase.name) ?? 0) + 1);
};
for (const phase of input.phases) {
  for (let i = 0; i < input.warmup; i++) await invoke(phase, i);
}
const phases: WarmPhaseResult[] = [];
for (const phase of input.phases) {
  for (let i = 0; i < REWARM; i++) await invoke(phase, i);
  const before = await emulatorRouteCounts(input.emulatorUrl);
  const samples = new Float64Array(input.iterations);
  for (let i = 0; i < input.iterations; i++) {
    const started = performance.now();
    await invoke(phase, i);
    samples[i] = performance.now() - started;
  }
  const biotCalls = difference(await emulatorRouteCounts(input.emulatorUrl), before);
  const non200 = non200ByPhase.get(phase.name) ?? 0;
  phases.push({ name: phase.name, latency: summarize(samples), non200, biotCalls });
}
const result: WarmResult = { phases, peakRssMiB: peakRssMiB() };
await report(result, { finish: true });
