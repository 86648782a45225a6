import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DevServerMemory, DevServerMessage, LoadCommand } from './dev-server-messages.js';

const script = join(dirname(fileURLToPath(import.meta.url)), 'dev-server-process.ts');

/** The dev server running in a child process, driven over IPC. */
export interface DevServerChild {
  readonly url: string;
  readonly pid: number;
  /** Memory of the dev server process, after a full GC unless `gc` is false. */
  memory(options?: { gc?: boolean }): Promise<DevServerMemory>;
  /** Stops the server; answers the process's peak RSS in MiB. */
  stop(): Promise<number>;
  /** Ends the process at once if it still runs (after a failure elsewhere). */
  kill(): void;
}

export async function startDevServerChild(options: {
  handlerModule: string;
  env: Record<string, string>;
}): Promise<DevServerChild> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
    env: { PATH: process.env.PATH ?? '', ...options.env, BENCH_HANDLER_MODULE: options.handlerModule },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  // The runtime's log lines (WARN and up) are drained, not shown: a failure shows as a non-2xx.
  child.stdout?.resume();
  const ready = await next(child, 'ready', 30_000);
  return {
    url: ready.url,
    pid: child.pid ?? 0,
    async memory(options = {}) {
      const answer = next(child, 'memory', 10_000);
      child.send({ kind: 'memory', ...options } satisfies LoadCommand);
      return (await answer).memory;
    },
    async stop() {
      const answer = next(child, 'stopped', 10_000);
      child.send({ kind: 'stop' } satisfies LoadCommand);
      const { peakRssMiB } = await answer;
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
      return peakRssMiB;
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

function next<K extends DevServerMessage['kind']>(
  child: ChildProcess,
  kind: K,
  timeoutMs: number,
): Promise<Extract<DevServerMessage, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`the dev server did not answer "${kind}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: DevServerMessage) => {
      if (message.kind !== kind) return;
      cleanup();
      resolve(message as Extract<DevServerMessage, { kind: K }>);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the dev server exited (code ${code}) before answering "${kind}"`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
