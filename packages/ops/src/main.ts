import { type CommandName, type OpsArgs, parseOpsArgs, USAGE } from './args.js';
import { type AwsClients, createAwsClients } from './aws/aws-clients.js';
import { explainAwsError } from './aws/aws-errors.js';
import { type CommandContext, commandContext } from './commands/command-context.js';
import { rotate } from './commands/rotate.js';
import { secretSet } from './commands/secret-set.js';
import { secretStatus } from './commands/secret-status.js';
import { subscriptions } from './commands/subscriptions.js';
import { OpsError, UsageError } from './errors.js';
import type { OpsIo } from './io.js';
import { resolveTarget } from './target/resolve-target.js';

/** Each command reports failure by throwing; a command with its own exit codes answers one. */
const COMMANDS: Record<CommandName, (context: CommandContext) => Promise<unknown>> = {
  'secret-set': secretSet,
  rotate,
  'secret-status': secretStatus,
  subscriptions,
};

/** `pnpm ops <command> ...`: runs one command and answers its exit code (0 done, 1 failed, 2 usage). */
export async function runOps(argv: readonly string[], io: OpsIo): Promise<number> {
  let args: OpsArgs;
  try {
    args = parseOpsArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return error.exitCode;
  }
  if (args.command === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }

  let clients: AwsClients | undefined;
  try {
    clients = createAwsClients(args.region ? { region: args.region } : {});
    const target = await resolveTarget(args, clients);
    const code = await COMMANDS[args.command](commandContext(args, io, clients, target));
    return typeof code === 'number' ? code : 0;
  } catch (caught) {
    const error = explainAwsError(caught, args.command);
    if (error instanceof OpsError) {
      io.stderr.write(`Error: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
      return error.exitCode;
    }
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.stderr.write(`Error: ${args.command} failed unexpectedly: ${detail}\n`);
    return 1;
  } finally {
    clients?.destroy();
  }
}
