import { probeResult } from '../children/run-probe.js';
import type { ColdInput, ColdResult } from '../probes/messages.js';
import type { FunctionUrlEvent } from '../probes/probe-support.js';
import type { Measurement } from '../report/measurement.js';
import { median } from '../stats/percentiles.js';

export interface ColdStartOptions {
  bundle: string;
  env: Record<string, string>;
  /** One notification per fresh process. */
  events: readonly FunctionUrlEvent[];
}

const COLD_IMPORT_TARGET = { op: '<=', limit: 100 } as const;

/**
 * Each fresh `node` process is a cold container: it imports the bundle (timed) and answers one
 * notification, which needs BioT's public key, a service login and the hook's GET (timed from
 * before the import). Medians over all processes.
 */
export async function measureColdStart(options: ColdStartOptions): Promise<Measurement[]> {
  const runs: ColdResult[] = [];
  for (const event of options.events) {
    const input: ColdInput = { bundle: options.bundle, event };
    runs.push(await probeResult<ColdResult>({ probe: 'cold', input, env: options.env, timeoutMs: 30_000 }));
  }
  const failed = runs.filter((run) => run.status !== 200).length;
  const n = runs.length;
  return [
    {
      id: 'cold.importMs',
      metric: `cold import (median of ${n} fresh processes)`,
      value: median(runs.map((run) => run.importMs)),
      unit: 'ms',
      target: COLD_IMPORT_TARGET,
    },
    {
      id: 'cold.firstResponseMs',
      metric: 'cold first response: import + key fetch + login + GET',
      value: failed === 0 ? median(runs.map((run) => run.firstResponseMs ?? Number.NaN)) : undefined,
      unit: 'ms',
    },
    {
      id: 'cold.firstResponseSinceProcessStartMs',
      metric: 'cold first response, counted from process start',
      value:
        failed === 0
          ? median(runs.map((run) => run.firstResponseSinceProcessStartMs ?? Number.NaN))
          : undefined,
      unit: 'ms',
    },
    {
      id: 'cold.firstResponseNon200',
      metric: 'cold first responses other than 200',
      value: failed,
      unit: 'count',
      target: { op: '=', limit: 0 },
    },
  ];
}

/**
 * The import as Lambda runs it with this project's CDK settings: `AWS_LAMBDA_FUNCTION_NAME` set
 * (so the runtime starts loading the X-Ray tracer) and `NODE_OPTIONS=--enable-source-maps`.
 */
export async function measureLambdaImport(options: {
  bundle: string;
  env: Record<string, string>;
  runs: number;
}): Promise<Measurement> {
  const times: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const result = await probeResult<ColdResult>({
      probe: 'cold',
      input: { bundle: options.bundle } satisfies ColdInput,
      env: { ...options.env, AWS_LAMBDA_FUNCTION_NAME: 'biot-plugin-bench', AWS_REGION: 'us-east-1' },
      nodeFlags: ['--enable-source-maps'],
      timeoutMs: 30_000,
    });
    times.push(result.importMs);
  }
  return {
    id: 'cold.lambdaImportMs',
    metric: 'cold import as in Lambda (tracer on, --enable-source-maps)',
    value: median(times),
    unit: 'ms',
    target: COLD_IMPORT_TARGET,
  };
}
