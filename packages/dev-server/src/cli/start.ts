/**
 * `pnpm start`: see START_USAGE. Ctrl-C stops a `--serve` session cleanly; a second Ctrl-C
 * does not wait.
 */
import { processIo } from './command-io.js';
import { runStart } from './start-command.js';

const stop = new AbortController();
const onSignal = () => {
  if (stop.signal.aborted) process.exit(130);
  stop.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const exitCode = await runStart(process.argv.slice(2), processIo(stop.signal));
// Exit now rather than when the last socket lets go: the answer is known, and a CLI that lingers
// after printing its result looks hung.
process.exit(exitCode);
