/** Whether `error` is node:util parseArgs refusing the command line (an unknown or malformed option). */
export function isCommandLineError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/**
 * The arguments a command was given, without the `--` that `pnpm <script> -- --flag` passes
 * through, so `pnpm build -- --plugin x` and `pnpm build --plugin x` mean the same.
 */
export function commandLineArgs(argv: readonly string[] = process.argv.slice(2)): string[] {
  return argv[0] === '--' ? argv.slice(1) : [...argv];
}
