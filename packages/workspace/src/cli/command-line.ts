import { type ParseArgsConfig, parseArgs } from 'node:util';

/**
 * A command line the command refuses (an unknown or misspelled option, a missing value), with a
 * message that says what to type instead. It keeps parseArgs' `code`, so a caller may test either.
 */
export class CommandLineError extends Error {
  override readonly name = 'CommandLineError';
  readonly code: string;

  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

/** Whether `error` is a refused command line: ours, or node:util parseArgs' own. */
export function isCommandLineError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof CommandLineError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
}

/**
 * The arguments a command was given, without the `--` that `pnpm <script> -- --flag` passes
 * through, so `pnpm build -- --plugin x` and `pnpm build --plugin x` mean the same.
 */
export function commandLineArgs(argv: readonly string[] = process.argv.slice(2)): string[] {
  return argv[0] === '--' ? argv.slice(1) : [...argv];
}

/**
 * node:util parseArgs, strict, over `commandLineArgs(config.args)`, whose refusals become a
 * CommandLineError that names the option and the closest one the command has ("Unknown option
 * --serv. Did you mean --serve?") instead of Node's advice about positionals after `--`.
 */
export function parseCommandLine<const T extends ParseArgsConfig & { args: readonly string[] }>(
  config: T,
): ReturnType<typeof parseArgs<T & { strict: true }>> {
  try {
    // The result's type follows `config`'s options; only `args` (a copy) and `strict` differ.
    return parseArgs({ ...config, args: commandLineArgs(config.args), strict: true }) as ReturnType<
      typeof parseArgs<T & { strict: true }>
    >;
  } catch (error) {
    if (!isCommandLineError(error)) throw error;
    throw new CommandLineError(
      explainRefusal(error as Error & { code: string }, config),
      (error as { code: string }).code,
    );
  }
}

function explainRefusal(error: Error & { code: string }, config: ParseArgsConfig): string {
  const flags = Object.entries(config.options ?? {}).map(([name, option]) => ({
    long: `--${name}`,
    short: option.short === undefined ? undefined : `-${option.short}`,
    takesValue: option.type === 'string',
  }));
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const given = quoted.split('=')[0] ?? quoted;
      const closest = closestFlag(
        given,
        flags.map((flag) => flag.long),
      );
      const known = flags.map((flag) => flag.long).join(', ');
      return closest === undefined
        ? `Unknown option ${given}. The options: ${known === '' ? 'none' : known}.`
        : `Unknown option ${given}. Did you mean ${closest}?`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      // "Option '--plugin <value>' argument missing" or "Option '--serve' does not take an argument".
      // With a short alias Node writes "Option '-h, --help' …".
      const flag = flags.find((candidate) => new RegExp(`${candidate.long}\\b`).test(quoted));
      if (flag?.takesValue) return `Option ${flag.long} needs a value: ${flag.long} <value>.`;
      return `Option ${flag?.long ?? quoted} takes no value.`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument "${quoted}": this command takes options only.`;
    default:
      return error.message;
  }
}

/** The flag the user most likely meant: one it abbreviates, else one a typo or two away. */
function closestFlag(given: string, candidates: readonly string[]): string | undefined {
  const word = given.replace(/^-+/, '').toLowerCase();
  if (word === '') return undefined;
  const prefixed = candidates.filter((flag) => flag.slice(2).startsWith(word));
  if (prefixed.length === 1) return prefixed[0];
  let best: { flag: string; distance: number } | undefined;
  for (const flag of candidates) {
    const distance = editDistance(word, flag.slice(2));
    if (best === undefined || distance < best.distance) best = { flag, distance };
  }
  const allowed = Math.max(1, Math.floor(word.length / 3));
  return best !== undefined && best.distance <= allowed ? best.flag : undefined;
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit (`--evn` → `--env`). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      }
      (rows[i] as number[])[j] = distance;
    }
  }
  return at(a.length, b.length);
}
