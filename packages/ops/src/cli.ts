/**
 * `pnpm ops <command> --env <name>`: the operator commands (README). Exit codes: 0 done,
 * 1 failed or needs attention, 2 wrong usage.
 */
import { processIo } from './io.js';
import { runOps } from './main.js';

// The SDK warns on every run that its 2027 releases will need Node 22; the project pins its SDK
// versions and documents its Node version, so the warning would only bury the command's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

process.exitCode = await runOps(process.argv.slice(2), processIo());
