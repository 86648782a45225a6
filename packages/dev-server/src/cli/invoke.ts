/** `pnpm invoke [--plugin <name>] <hook>`: see INVOKE_USAGE. */
import { processIo } from './command-io.js';
import { runInvoke } from './invoke-command.js';

process.exit(await runInvoke(process.argv.slice(2), processIo()));
