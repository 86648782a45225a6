import { type CommandName, type OpsArgs, parseOpsArgs } from './args.js';
import { type AwsClients, createAwsClients } from './aws/aws-clients.js';
import { explainAwsError } from './aws/aws-errors.js';
import { type CommandContext, commandContext } from './commands/command-context.js';
import { rotate } from './commands/rotate.js';
import { secretSet } from './commands/secret-set.js';
import { secretStatus } from './commands/secret-status.js';
import { subscriptions } from './commands/subscriptions.js';
import { verify } from './commands/verify.js';
import { OpsError, UsageError } from './errors.js';
import type { OpsIo } from './io.js';
import type { DeploymentConfig } from './target/deployment-config.js';
import { repositoryConfig } from './target/repository-config.js';
import { resolveTarget } from './target/resolve-target.js';
import { chooseStack } from './target/stack-choice.js';
import { commandUsage, USAGE } from './usage.js';

/** Each command reports failure by throwing; a command with its own exit codes answers one. */
const COMMANDS: Record<CommandName, (context: CommandContext) => Promise<unknown>> = {
  'secret-set': secretSet,
  rotate,
  'secret-status': secretStatus,
  subscriptions,
  verify,
};

export interface RunOpsOptions {
  /** The environments and their plugins. @default the repository's (infra/config/environments.ts) */
  readonly config?: DeploymentConfig;
}

/** `pnpm ops <command> ...`: runs one command and answers its exit code (0 done, 1 failed, 2 usage). */
export async function runOps(
  argv: readonly string[],
  io: OpsIo,
  options: RunOpsOptions = {},
): Promise<number> {
  let args: OpsArgs | undefined;
  let clients: AwsClients | undefined;
  try {
    args = parseOpsArgs(argv);
    if (args.command === 'help') {
      io.stdout.write(`${args.helpFor === undefined ? USAGE : commandUsage(args.helpFor)}\n`);
      return 0;
    }
    let config = options.config;
    const configOnce = () => {
      config ??= repositoryConfig();
      return config;
    };
    const choice = chooseStack(args, configOnce);
    clients = createAwsClients(choice.region ? { region: choice.region } : {});
    const target = await resolveTarget(args, choice, clients);
    const code = await COMMANDS[args.command](commandContext(args, io, clients, target, configOnce));
    return typeof code === 'number' ? code : 0;
  } catch (caught) {
    return reportFailure(caught, args, io);
  } finally {
    clients?.destroy();
  }
}

function reportFailure(caught: unknown, args: OpsArgs | undefined, io: OpsIo): number {
  if (caught instanceof UsageError) {
    const usage = caught.command === undefined ? USAGE : commandUsage(caught.command);
    io.stderr.write(`${caught.message}\n${caught.hint ? `${caught.hint}\n` : ''}\n${usage}\n`);
    return caught.exitCode;
  }
  const command = args?.command ?? 'ops';
  const error = explainAwsError(caught, command);
  if (error instanceof OpsError) {
    io.stderr.write(`Error: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.stderr.write(`Error: ${command} failed unexpectedly: ${detail}\n`);
  return 1;
}
