/** `pnpm new-plugin <name> [--hooks <hook>,...]`: see src/scaffold/new-plugin-command.ts and `--help`. */
import { runNewPlugin } from '../scaffold/new-plugin-command.js';

process.exitCode = await runNewPlugin(process.argv.slice(2), process);
