import { isCommandLineError, parseCommandLine } from '@biot-plugin/workspace';

const USAGE = {
  bench: `Usage: pnpm bench

Bundles the bench's own plugins as every plugin is bundled and measures them as deployed (bundle
size, cold start, warm latency, cold burst, soak; about 3 minutes). Prints the table, writes
packages/bench/results/latest.json, exits 1 when a line FAILs. Takes no options but -h, --help.`,
  load: `Usage: pnpm load

Puts the dev server serving the one-call plugin's bundle under load (20,000 mixed requests at
50 connections; about 25 seconds). Prints the table, writes packages/bench/results/load-latest.json,
exits 1 when a line FAILs. Takes no options but -h, --help.`,
} as const;

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
