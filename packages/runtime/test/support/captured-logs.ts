import { afterEach, beforeEach } from 'vitest';

/**
 * Captures every line the Powertools logger writes to stdout/stderr during a test, so tests can
 * assert on what reached the log (and what never may).
 */
export function captureLogs(): { lines: () => string[]; entries: () => Record<string, unknown>[] } {
  let lines: string[] = [];
  const originals = { out: process.stdout.write, err: process.stderr.write };
  beforeEach(() => {
    lines = [];
    const capture = (chunk: unknown): boolean => {
      lines.push(String(chunk));
      return true;
    };
    process.stdout.write = capture as typeof process.stdout.write;
    process.stderr.write = capture as typeof process.stderr.write;
  });
  afterEach(() => {
    process.stdout.write = originals.out;
    process.stderr.write = originals.err;
  });
  return {
    lines: () => lines,
    entries: () =>
      lines.flatMap((line) =>
        line
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>),
      ),
  };
}
