import type { ColdInput, ColdResult } from './messages.js';
import { importHandler, lambdaContext, readInput, report } from './probe-support.js';

// A fresh process is a cold container: time the import of the bundle, then its first answer
// (which fetches BioT's public key and logs in before the hook's own call).
const input = readInput<ColdInput>();
const cpuBefore = process.cpuUsage();
const started = performance.now();
const handler = await importHandler(input.bundle);
const imported = performance.now();
const cpuMs = () => {
  const { user, system } = process.cpuUsage(cpuBefore);
  return (user + system) / 1_000;
};
const result: ColdResult = { importMs: imported - started, importCpuMs: cpuMs() };
if (input.event !== undefined) {
  const answer = await handler(input.event, lambdaContext);
  const answered = performance.now();
  result.firstResponseMs = answered - started;
  result.firstResponseCpuMs = cpuMs();
  // performance.now() counts from the process's time origin, so this includes Node's own boot.
  result.firstResponseSinceProcessStartMs = answered;
  result.status = answer.statusCode;
}
await report(result, { finish: true });
