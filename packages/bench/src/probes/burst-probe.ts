import type { BurstInput, BurstResult } from './messages.js';
import { importHandler, lambdaContext, readInput, report } from './probe-support.js';

// Many invocations reaching one cold container at once: they must share one key fetch, one
// secret read and one login. The bench counts those on the emulator and in front of Secrets Manager.
const input = readInput<BurstInput>();
const handler = await importHandler(input.bundle);
const started = performance.now();
const answers = await Promise.all(input.events.map((event) => handler(event, lambdaContext)));
const statuses: Record<string, number> = {};
for (const answer of answers) statuses[answer.statusCode] = (statuses[answer.statusCode] ?? 0) + 1;
const result: BurstResult = { statuses, ms: performance.now() - started };
await report(result, { finish: true });
