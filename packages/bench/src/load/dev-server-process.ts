/**
 * The dev server as `pnpm load` runs it: in a process of its own, so its memory is measured
 * apart from autocannon's and the emulator's. Serves the production bundle named by
 * BENCH_HANDLER_MODULE with the plugin environment it was started with, and answers the
 * parent's `memory` and `stop` commands over IPC.
 */
import { startDevServer, stderrLog } from '@biot-plugin/dev-server';
import type { DevServerMemory, DevServerMessage, LoadCommand } from './dev-server-messages.js';

const handlerModule = process.env.BENCH_HANDLER_MODULE;
if (handlerModule === undefined) throw new Error('BENCH_HANDLER_MODULE is not set');

const answered: Record<string, number> = {};
const server = await startDevServer({
  handlerModule,
  log: stderrLog,
  onInvocation: (record) => {
    const key = `${record.hookType ?? 'NONSPECIFIC'} ${record.status}`;
    answered[key] = (answered[key] ?? 0) + 1;
  },
});

const send = (message: DevServerMessage) => process.send?.(message);

const gc = (globalThis as { gc?: () => void }).gc;
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

/**
 * Memory as it stands once the garbage is gone. Started with --expose-gc, so: a full GC, half a
 * second for V8 to hand the freed pages back (it does so in the background), a second GC that
 * shrinks the heap it had grown under load, and again half a second. Without this a reading
 * swings ±15 % with the garbage of the last few thousand requests, and by 20 % more with how far
 * V8 had grown the heap.
 */
async function memory(collect: boolean): Promise<DevServerMemory> {
  if (collect && gc) {
    gc();
    await settle();
    gc();
    await settle();
  }
  const { rss, heapTotal, heapUsed, external } = process.memoryUsage();
  return { rss, heapTotal, heapUsed, external, answered: { ...answered } };
}

process.on('message', (command: LoadCommand) => {
  if (command.kind === 'memory') {
    void memory(command.gc !== false).then((result) => send({ kind: 'memory', memory: result }));
  } else {
    void server.close().then(() => {
      process.send?.(
        { kind: 'stopped', peakRssMiB: process.resourceUsage().maxRSS / 1024 } satisfies DevServerMessage,
        () => process.exit(0),
      );
    });
  }
});
send({ kind: 'ready', url: server.url });
