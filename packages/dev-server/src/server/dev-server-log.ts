/** Where the dev server reports reloads, handler crashes and refused requests. */
export interface DevServerLog {
  info(message: string): void;
  warn(message: string): void;
  /** A failure of the plugin, with the error as Lambda would log it. */
  error(message: string, error?: unknown): void;
}

/** `[dev-server] …` lines, written one at a time. */
export function lineLog(writeLine: (line: string) => void): DevServerLog {
  return {
    info: (message) => writeLine(`[dev-server] ${message}`),
    warn: (message) => writeLine(`[dev-server] warning: ${message}`),
    error: (message, error) =>
      writeLine(`[dev-server] ${message}${error === undefined ? '' : `\n${describeError(error)}`}`),
  };
}

/** Prints to stderr, so the handler's own log lines keep stdout to themselves. */
export const stderrLog: DevServerLog = lineLog((line) => process.stderr.write(`${line}\n`));

export const silentLog: DevServerLog = { info: () => {}, warn: () => {}, error: () => {} };

/** The error as Lambda's Node runtime logs an unhandled one: type, message, stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return `Non-error thrown: ${String(error)}`;
}
