import type { Readable } from 'node:stream';

/** The terminal a command talks to; tests pass their own streams. */
export interface OpsIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: { write(text: string): unknown };
  /** Prompts, progress is on stdout; errors and prompts go here. */
  stderr: { write(text: string): unknown };
  /** Waits between polls; tests may shorten it. Default: setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Default: Date.now. */
  now?: () => number;
}

export function processIo(): OpsIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

export function sleeper(io: OpsIo): (ms: number) => Promise<void> {
  return io.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
}

export function clock(io: OpsIo): () => number {
  return io.now ?? Date.now;
}
