import { summarize } from '../stats/percentiles.js';
import type { WarmInput, WarmPhaseResult, WarmResult } from './messages.js';
import type { FunctionUrlEvent } from './probe-support.js';
import {
  difference,
  emulatorRouteCounts,
  freshEvent,
  importHandler,
  lambdaContext,
  peakRssMiB,
  readInput,
  report,
} from './probe-support.js';

// One warm container. First every event type is run `warmup` times, untimed, so start-up work
// (JIT tiers, the heap's first full GCs) is over before any phase is timed, whatever its order.
// Then per type: a short re-warm, and each invocation timed on its own, one at a time as Lambda
// runs them. The events are pre-built, and each made fresh before its timing starts (see
// freshEvent), so only the handler is timed.
const REWARM = 100;
const input = readInput<WarmInput>();
const handler = await importHandler(input.bundle);
const non200ByPhase = new Map<string, number>();
let sequence = 0;
const nextEvent = (phase: WarmInput['phases'][number], i: number) =>
  freshEvent(phase.events[i % phase.events.length] ?? {}, ++sequence);
const invoke = async (phase: WarmInput['phases'][number], event: FunctionUrlEvent) => {
  const answer = await handler(event, lambdaContext);
  if (answer.statusCode !== 200) non200ByPhase.set(phase.name, (non200ByPhase.get(phase.name) ?? 0) + 1);
};
for (const phase of input.phases) {
  for (let i = 0; i < input.warmup; i++) await invoke(phase, nextEvent(phase, i));
}
const phases: WarmPhaseResult[] = [];
for (const phase of input.phases) {
  for (let i = 0; i < REWARM; i++) await invoke(phase, nextEvent(phase, i));
  const before = await emulatorRouteCounts(input.emulatorUrl);
  const samples = new Float64Array(input.iterations);
  for (let i = 0; i < input.iterations; i++) {
    const event = nextEvent(phase, i);
    const started = performance.now();
    await invoke(phase, event);
    samples[i] = performance.now() - started;
  }
  const biotCalls = difference(await emulatorRouteCounts(input.emulatorUrl), before);
  const non200 = non200ByPhase.get(phase.name) ?? 0;
  phases.push({ name: phase.name, latency: summarize(samples), non200, biotCalls });
}
const result: WarmResult = { phases, peakRssMiB: peakRssMiB() };
await report(result, { finish: true });
