import { isCommandLineError, parseCommandLine } from '@biot-plugin/workspace';

const USAGE = {
  bench: `Usage: pnpm bench [-- --node22 <node binary>] [--baseline <bundle.mjs>] [--cold-only]
                  [--cold-runs <n>] [--cpu-prof <dir>]

Bundles the bench's own plugins as every plugin is bundled and measures them as deployed (bundle
size, cold start, warm latency, cold burst, soak; about 3 minutes). Prints the table, writes
packages/bench/results/latest.json, exits 1 when a line FAILs.

  --node22 <path>      a Node.js 22 binary (Lambda's nodejs22.x): the cold lines run on it too, side
                       by side with this Node; also read from BENCH_NODE22. Without one, the Node 22
                       lines say they were not measured.
  --baseline <file>    a previous build of the one-call plugin's bundle: its cold lines are measured
                       in the same run, interleaved, for a fair before/after.
  --baseline-node-options "<flags>"
                       the Node flags the baseline was deployed with, e.g. "--enable-source-maps".
  --cold-only          bundle size and cold start only (about a minute).
  --cold-runs <n>      fresh processes per cold kind (default 11, at least 10): more runs, steadier
                       medians on a noisy host.
  --cpu-prof <dir>     a V8 CPU profile of every cold process of the bundle under test, as deployed,
                       into <dir>/<runtime>/ (open in Chrome DevTools): profile before optimising.`,
  load: `Usage: pnpm load

Puts the dev server serving the one-call plugin's bundle under load (20,000 mixed requests at
50 connections; about 25 seconds). Prints the table, writes packages/bench/results/load-latest.json,
exits 1 when a line FAILs. Takes no options but -h, --help.`,
} as const;

export interface BenchOptions {
  node22?: string;
  baseline?: string;
  baselineNodeOptions?: string;
  coldOnly: boolean;
  /** Fresh processes per cold kind. */
  coldRuns: number;
  /** Where the cold processes' CPU profiles go. */
  cpuProfileDir?: string;
}

/** The minimum of fresh processes per cold figure. */
const MIN_COLD_RUNS = 10;
const DEFAULT_COLD_RUNS = 11;

/** `pnpm bench`'s options, or undefined when it must not run (`--help`, a wrong option). */
export function benchOptions(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): BenchOptions | undefined {
  try {
    const { values } = parseCommandLine({
      args: argv,
      options: {
        help: { type: 'boolean', short: 'h' },
        node22: { type: 'string' },
        baseline: { type: 'string' },
        'baseline-node-options': { type: 'string' },
        'cold-only': { type: 'boolean' },
        'cold-runs': { type: 'string' },
        'cpu-prof': { type: 'string' },
      },
    });
    if (values.help) {
      console.log(USAGE.bench);
      return undefined;
    }
    const node22 = values.node22 ?? (env.BENCH_NODE22 || undefined);
    const coldRuns = values['cold-runs'] === undefined ? DEFAULT_COLD_RUNS : Number(values['cold-runs']);
    if (!Number.isInteger(coldRuns) || coldRuns < MIN_COLD_RUNS) {
      console.error(
        `--cold-runs must be a whole number of at least ${MIN_COLD_RUNS}, not ${values['cold-runs']}\n\n${USAGE.bench}`,
      );
      process.exitCode = 2;
      return undefined;
    }
    return {
      ...(node22 ? { node22 } : {}),
      ...(values.baseline ? { baseline: values.baseline } : {}),
      ...(values['baseline-node-options'] ? { baselineNodeOptions: values['baseline-node-options'] } : {}),
      coldOnly: values['cold-only'] === true,
      coldRuns,
      ...(values['cpu-prof'] ? { cpuProfileDir: values['cpu-prof'] } : {}),
    };
  } catch (error) {
    if (!isCommandLineError(error)) throw error;
    console.error(`${(error as Error).message}\n\n${USAGE.bench}`);
    process.exitCode = 2;
    return undefined;
  }
}

/**
 * Reads `pnpm bench` / `pnpm load`'s command line before any work starts: `--help` prints the
 * usage and a wrong option is refused (exit 2), instead of starting minutes of measurement.
 * Answers whether the command should run.
 */
export function shouldRun(
  command: keyof typeof USAGE,
  argv: readonly string[] = process.argv.slice(2),
): boolean {
  try {
    const { values } = parseCommandLine({ args: argv, options: { help: { type: 'boolean', short: 'h' } } });
    if (!values.help) return true;
    console.log(USAGE[command]);
  } catch (error) {
    if (!isCommandLineError(error)) throw error;
    console.error(`${(error as Error).message}\n\n${USAGE[command]}`);
    process.exitCode = 2;
  }
  return false;
}
