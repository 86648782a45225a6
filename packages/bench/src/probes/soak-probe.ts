import type { HeapSample, SoakInput, SoakMessage } from './messages.js';
import { freshEvent, importHandler, lambdaContext, peakRssMiB, readInput, report } from './probe-support.js';

// Run with --expose-gc and a 128 MB Lambda's heap limits. Every `sampleEvery` invocations, force
// a full GC and record the heap still in use: what the invocations so far have retained. Each
// invocation gets a fresh event (see freshEvent), as each of BioT's differs.
const input = readInput<SoakInput>();
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('the soak probe needs node --expose-gc');
const handler = await importHandler(input.bundle);

function heapSample(invocations: number): HeapSample {
  gc?.();
  gc?.();
  return { invocations, heapUsed: process.memoryUsage().heapUsed };
}

await report({ kind: 'sample', sample: heapSample(0) } satisfies SoakMessage);
const started = performance.now();
let non200 = 0;
for (let i = 1; i <= input.invocations; i++) {
  const answer = await handler(freshEvent(input.events[i % input.events.length] ?? {}, i), lambdaContext);
  if (answer.statusCode !== 200) non200++;
  if (i % input.sampleEvery === 0) {
    await report({ kind: 'sample', sample: heapSample(i) } satisfies SoakMessage);
  }
}
const done: SoakMessage = {
  kind: 'done',
  invocations: input.invocations,
  non200,
  ms: performance.now() - started,
  peakRssMiB: peakRssMiB(),
};
await report(done, { finish: true });
