import { join } from 'node:path';
import { probeResult } from '../children/run-probe.js';
import type { ColdInput, ColdResult } from '../probes/messages.js';
import type { FunctionUrlEvent } from '../probes/probe-support.js';
import type { Measurement, Target } from '../report/measurement.js';
import { median } from '../stats/percentiles.js';

/** A Node.js binary the cold lines run on. */
export interface NodeRuntime {
  /** `node20`, `node22`: part of each line's id. */
  id: string;
  /** `Node 22.23.5`: what the table says. */
  label: string;
  binary: string;
}

/** How a fresh process is started: one kind of cold container. */
export interface ColdMode {
  /** Part of each line's id, e.g. `lambda`. */
  id: string;
  /** What the table says, e.g. `as deployed`. */
  label: string;
  /** Added to the plugin's environment. */
  env: Record<string, string>;
  /** Taken out of the plugin's environment. */
  without?: readonly string[];
  /** The function as deployed: the bundle's `deployedNodeFlags` apply. */
  deployed?: boolean;
  /** Targets of this mode's import and first response, on the runtime Lambda runs. */
  targets?: { importMs?: Target; firstResponseMs?: Target };
}

/** A bundle to measure: the one under test, and optionally a previous one for comparison. */
export interface ColdBundle {
  /** '' for the bundle under test, `baseline` for the previous one. */
  id: string;
  label: string;
  file: string;
  /** Node flags its deployment gave the function (the `deployed` modes only). */
  deployedNodeFlags?: readonly string[];
}

export interface ColdStartOptions {
  bundles: readonly ColdBundle[];
  runtimes: readonly NodeRuntime[];
  modes: readonly ColdMode[];
  env: Record<string, string>;
  /** One notification per fresh process; as many runs as events. */
  events: readonly FunctionUrlEvent[];
  /** The runtime whose lines carry the mode's targets (Lambda's, nodejs22.x). */
  targetRuntime: string;
}

/** How finely the profiled processes are sampled: a cold start is tens of milliseconds. */
const CPU_PROFILE_INTERVAL_US = 100;

/**
 * Profiles the bundle under test as deployed: a few more fresh processes per runtime with V8's
 * `--cpu-prof`, into `<dir>/<runtime id>/`. They are not measured: profiling slows what it samples.
 */
export async function profileColdStart(
  options: Omit<ColdStartOptions, 'targetRuntime'> & { dir: string },
): Promise<string[]> {
  const bundle = options.bundles.find((candidate) => candidate.id === '');
  const mode = options.modes.find((candidate) => candidate.deployed);
  if (!bundle || !mode) return [];
  const dirs: string[] = [];
  for (const runtime of options.runtimes) {
    const dir = join(options.dir, runtime.id);
    for (const event of options.events) {
      await probeResult<ColdResult>({
        probe: 'cold',
        input: { bundle: bundle.file, event } satisfies ColdInput,
        env: { ...options.env, ...mode.env },
        node: runtime.binary,
        nodeFlags: [
          ...(bundle.deployedNodeFlags ?? []),
          '--cpu-prof',
          `--cpu-prof-dir=${dir}`,
          `--cpu-prof-interval=${CPU_PROFILE_INTERVAL_US}`,
        ],
        timeoutMs: 30_000,
      });
    }
    dirs.push(dir);
  }
  return dirs;
}

/**
 * The environment Lambda gives the function beyond the plugin's own variables: the runtime sees
 * it is in Lambda (so it configures the X-Ray tracer) and no NODE_OPTIONS, as CDK deploys it
 * (infra/lib/construct/biot-lambda.ts: no --enable-source-maps).
 */
export const LAMBDA_ENV = {
  AWS_LAMBDA_FUNCTION_NAME: 'biot-plugin-bench',
  AWS_REGION: 'us-east-1',
  LAMBDA_TASK_ROOT: '/var/task',
} as const;

/**
 * Each fresh `node` process is a cold container: it imports the bundle (timed) and answers one
 * notification, which needs BioT's public key, a service login and the hook's GET (timed from
 * before the import). Every combination of bundle, Node.js binary and mode runs once per event,
 * interleaved (A, B, C, A, B, C, ...) so that a busy machine weighs on all of them alike.
 * Medians over all processes.
 */
export async function measureColdStart(options: ColdStartOptions): Promise<Measurement[]> {
  const variants = options.bundles.flatMap((bundle) =>
    options.runtimes.flatMap((runtime) => options.modes.map((mode) => ({ bundle, runtime, mode }))),
  );
  const runs = variants.map(() => [] as ColdResult[]);
  for (const event of options.events) {
    for (const [index, { bundle, runtime, mode }] of variants.entries()) {
      const input: ColdInput = { bundle: bundle.file, event };
      runs[index]?.push(
        await probeResult<ColdResult>({
          probe: 'cold',
          input,
          env: Object.fromEntries(
            Object.entries({ ...options.env, ...mode.env }).filter(([name]) => !mode.without?.includes(name)),
          ),
          node: runtime.binary,
          nodeFlags: mode.deployed ? (bundle.deployedNodeFlags ?? []) : [],
          timeoutMs: 30_000,
        }),
      );
    }
  }
  return variants.flatMap(({ bundle, runtime, mode }, index) => {
    const results = runs[index] ?? [];
    const failed = results.filter((run) => run.status !== 200).length;
    const id = ['cold', bundle.id, runtime.id, mode.id].filter(Boolean).join('.');
    const what = [runtime.label, mode.label, coldBundleLabel(bundle, mode)].filter(Boolean).join(', ');
    const targets = bundle.id === '' && runtime.id === options.targetRuntime ? mode.targets : undefined;
    return [
      {
        id: `${id}.importMs`,
        metric: `cold import (${what})`,
        value: median(results.map((run) => run.importMs)),
        unit: 'ms',
        ...(targets?.importMs ? { target: targets.importMs } : {}),
      },
      {
        id: `${id}.firstResponseMs`,
        metric: `cold first response: import + key + login + GET (${what})`,
        value: failed === 0 ? median(results.map((run) => run.firstResponseMs ?? Number.NaN)) : undefined,
        unit: 'ms',
        ...(targets?.firstResponseMs ? { target: targets.firstResponseMs } : {}),
      },
      {
        id: `${id}.importCpuMs`,
        metric: `cold import, CPU time (${what})`,
        value: median(results.map((run) => run.importCpuMs ?? Number.NaN)),
        unit: 'ms',
      },
      {
        id: `${id}.firstResponseCpuMs`,
        metric: `cold first response, CPU time (${what})`,
        value: failed === 0 ? median(results.map((run) => run.firstResponseCpuMs ?? Number.NaN)) : undefined,
        unit: 'ms',
      },
      {
        id: `${id}.firstResponseNon200`,
        metric: `cold first responses other than 200 (${what})`,
        value: failed,
        unit: 'count',
        target: { op: '=', limit: 0 },
      },
    ] satisfies Measurement[];
  });
}

/** A line saying a runtime was not measured, and how to measure it. */
export function notMeasured(runtime: string, how: string): Measurement {
  return {
    id: `cold.${runtime}.notMeasured`,
    metric: `cold start on ${runtime}`,
    value: undefined,
    unit: 'ms',
    unavailable: `not measured (${how})`,
  };
}

/** The bundle's label, with the node flags it runs with in this mode. */
export function coldBundleLabel(bundle: ColdBundle, mode: ColdMode): string {
  const flags = mode.deployed ? (bundle.deployedNodeFlags ?? []) : [];
  return [bundle.label, ...flags].filter(Boolean).join(' ');
}

/**
 * The cold lines again as one table, the runtimes (and the baseline) side by side: a row per
 * mode and figure, a column per bundle and runtime.
 */
export function renderColdSideBySide(
  lines: readonly Measurement[],
  options: Pick<ColdStartOptions, 'bundles' | 'runtimes' | 'modes'>,
): string {
  const columns = options.bundles.flatMap((bundle) =>
    options.runtimes.map((runtime) => ({
      bundle,
      runtime,
      title: [runtime.label, bundle.label].filter(Boolean).join(', '),
    })),
  );
  const byId = new Map(lines.map((line) => [line.id, line]));
  const figures = [
    ['importMs', 'import'],
    ['firstResponseMs', 'first response'],
    ['importCpuMs', 'import CPU'],
    ['firstResponseCpuMs', 'first response CPU'],
  ] as const;
  const rows = options.modes.flatMap((mode) =>
    figures.map(([figure, name]) => [
      `${name}, ${mode.label}`,
      ...columns.map(({ bundle, runtime }) => {
        const id = ['cold', bundle.id, runtime.id, mode.id, figure].filter(Boolean).join('.');
        const value = byId.get(id)?.value;
        const flags =
          mode.deployed && bundle.deployedNodeFlags?.length ? ` (${bundle.deployedNodeFlags.join(' ')})` : '';
        return value === undefined || Number.isNaN(value) ? '–' : `${value.toFixed(1)} ms${flags}`;
      }),
    ]),
  );
  const header = ['cold start, medians', ...columns.map((column) => column.title)];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
