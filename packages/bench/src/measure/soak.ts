import { runProbe } from '../children/run-probe.js';
import type { HeapSample, SoakInput, SoakMessage } from '../probes/messages.js';
import type { FunctionUrlEvent } from '../probes/probe-support.js';
import type { Measurement } from '../report/measurement.js';
import { slope } from '../stats/percentiles.js';

export interface SoakOptions {
  bundle: string;
  env: Record<string, string>;
  events: readonly FunctionUrlEvent[];
  invocations: number;
  sampleEvery: number;
  /** Heap samples before this many invocations (JIT, connection pools, caches settling) are not fitted. */
  fitFrom: number;
  onSample?: (sample: HeapSample) => void;
}

/** A 128 MB Lambda's V8 limits, as the issue states them. */
const LAMBDA_128_HEAP_FLAGS = ['--max-old-space-size=116', '--max-semi-space-size=6'] as const;

/**
 * One process, many notifications (each with its BioT call), the heap limited like a 128 MB
 * Lambda. Retention per invocation is the slope of the heap-after-full-GC samples.
 */
export async function measureSoak(options: SoakOptions): Promise<Measurement[]> {
  const input: SoakInput = {
    bundle: options.bundle,
    events: [...options.events],
    invocations: options.invocations,
    sampleEvery: options.sampleEvery,
  };
  const samples: HeapSample[] = [];
  let done: Extract<SoakMessage, { kind: 'done' }> | undefined;
  const run = await runProbe({
    probe: 'soak',
    input,
    env: options.env,
    nodeFlags: ['--expose-gc', ...LAMBDA_128_HEAP_FLAGS],
    timeoutMs: 240_000,
    onMessage: (message) => {
      const soak = message as SoakMessage;
      if (soak.kind === 'sample') {
        samples.push(soak.sample);
        options.onSample?.(soak.sample);
      } else done = soak;
    },
  });
  const survived = run.exitCode === 0 && done !== undefined;
  if (!survived) {
    const how = run.timedOut ? 'timed out' : `exited with ${run.signal ?? `code ${run.exitCode}`}`;
    process.stderr.write(`the soak process ${how}:\n${run.stderrTail}\n`);
  }
  const fitted = samples.filter((sample) => sample.invocations >= options.fitFrom);
  const retained =
    survived && fitted.length >= 2
      ? slope(fitted.map((sample) => ({ x: sample.invocations, y: sample.heapUsed })))
      : undefined;
  const first = fitted[0];
  const last = fitted.at(-1);
  const completed = done?.invocations ?? samples.at(-1)?.invocations ?? 0;
  return [
    {
      id: 'soak.survived',
      metric: `soak: ${options.invocations.toLocaleString('en-US')} notifications, 128 MB heap limits, not dead`,
      value: survived ? 1 : 0,
      unit: 'yes/no',
      target: { op: '=', limit: 1 },
      details: { completedInvocations: completed },
    },
    {
      id: 'soak.retainedBytesPerInvocation',
      metric: `soak: heap retained per invocation after forced GC (fit from ${options.fitFrom / 1000}k)`,
      value: retained,
      unit: 'bytes/invocation',
      target: { op: '<', limit: 100 },
      details: Object.fromEntries(samples.map((sample) => [String(sample.invocations), sample.heapUsed])),
    },
    {
      id: 'soak.heapAfterGcMiB',
      metric: `soak: heap in use after forced GC at ${fmtK(last?.invocations)} (${fmtK(first?.invocations)}: ${fmtMiB(first?.heapUsed)})`,
      value: last === undefined ? undefined : last.heapUsed / 2 ** 20,
      unit: 'MiB',
      details: first === undefined ? {} : { firstMiB: first.heapUsed / 2 ** 20 },
    },
    {
      id: 'soak.non200',
      metric: 'soak: answers other than 200',
      value: done?.non200,
      unit: 'count',
      target: { op: '=', limit: 0 },
    },
    {
      id: 'soak.meanMsPerInvocation',
      metric: 'soak: mean time per notification (incl. its BioT call)',
      value: done === undefined ? undefined : done.ms / done.invocations,
      unit: 'ms',
    },
    {
      id: 'soak.peakRssMiB',
      metric: 'peak RSS, soak process (a 128 MB Lambda)',
      value: done?.peakRssMiB,
      unit: 'MiB',
      target: { op: '<=', limit: 128 },
    },
  ];
}

function fmtMiB(bytes: number | undefined): string {
  return bytes === undefined ? '?' : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function fmtK(invocations: number | undefined): string {
  return invocations === undefined ? '?' : `${invocations / 1000}k`;
}
