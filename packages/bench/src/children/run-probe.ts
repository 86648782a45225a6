import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { probePath } from '../build/probes.js';
import { PATHS } from '../paths.js';

export interface ProbeOptions {
  /** `cold` runs `.bench/probes/cold-probe.mjs`. */
  probe: string;
  input: unknown;
  /** The whole environment of the child: nothing is inherited but PATH, as in a fresh container. */
  env: Record<string, string>;
  nodeFlags?: readonly string[];
  /** The Node.js binary. @default the bench's own */
  node?: string;
  timeoutMs: number;
  onMessage?: (message: unknown) => void;
}

export interface ProbeRun {
  messages: unknown[];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The end of the child's stderr, for the error report. */
  stderrTail: string;
}

class ProbeFailedError extends Error {
  constructor(probe: string, run: ProbeRun) {
    const how = run.timedOut ? 'timed out' : `exited with ${run.signal ?? `code ${run.exitCode}`}`;
    super(`the ${probe} probe ${how}${run.stderrTail ? `:\n${run.stderrTail}` : ''}`);
    this.name = 'ProbeFailedError';
  }
}

let inputs = 0;

/** Runs one probe in a fresh `node` process and collects what it reports over IPC. */
export async function runProbe(options: ProbeOptions): Promise<ProbeRun> {
  const inputFile = join(PATHS.workDir, 'inputs', `${options.probe}-${process.pid}-${++inputs}.json`);
  await mkdir(join(PATHS.workDir, 'inputs'), { recursive: true });
  await writeFile(inputFile, JSON.stringify(options.input));
  try {
    return await spawnProbe(options, inputFile);
  } finally {
    await rm(inputFile, { force: true });
  }
}

function spawnProbe(options: ProbeOptions, inputFile: string): Promise<ProbeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      options.node ?? process.execPath,
      [...(options.nodeFlags ?? []), probePath(options.probe), inputFile],
      {
        env: { PATH: process.env.PATH ?? '', ...options.env },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    );
    const messages: unknown[] = [];
    let stderrTail = '';
    let timedOut = false;
    // Log lines (at INFO) go to a pipe that is drained, as Lambda's runtime drains stdout.
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString()).slice(-4_000);
    });
    child.on('message', (message) => {
      messages.push(message);
      options.onMessage?.(message);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ messages, exitCode, signal, timedOut, stderrTail: stderrTail.trim() });
    });
  });
}

/** The probe's single result; throws unless it exited 0 after sending one. */
export async function probeResult<T>(options: ProbeOptions): Promise<T> {
  const run = await runProbe(options);
  const last = run.messages.at(-1);
  if (run.exitCode !== 0 || last === undefined) throw new ProbeFailedError(options.probe, run);
  return last as T;
}
