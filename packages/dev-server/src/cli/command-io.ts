/** What a command reads and writes besides its arguments, so tests can run it in-process. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Where `--serve` records the session `pnpm invoke` finds; default under node_modules/.cache. */
  sessionFile?: string;
  /** Stops a `--serve` session (Ctrl-C in the CLI). */
  signal?: AbortSignal;
}

export const processIo = (signal?: AbortSignal): CommandIo => ({
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  ...(signal === undefined ? {} : { signal }),
});
