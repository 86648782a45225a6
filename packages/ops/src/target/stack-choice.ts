import type { OpsArgs } from '../args.js';
import { UsageError } from '../errors.js';
import type { DeploymentConfig, PluginStack } from './deployment-config.js';

/** Which stack a command acts on, and in which region, as far as the command line and the config tell. */
export interface StackChoice {
  /** The stack to read the outputs of; undefined with `--secret-arn` alone. */
  readonly stackName: string | undefined;
  /** `--region`, else the environment's; undefined leaves it to the SDK (AWS_REGION, the profile). */
  readonly region: string | undefined;
  /** The plugin in the environment, when `--env` (and `--plugin`, if it has several) name one. */
  readonly deployment: PluginStack | undefined;
}

/**
 * Each plugin in each environment is its own stack, `<plugin>-<env>`. `--env` must be an
 * environment of the config; `--plugin` one of its plugins, and may be left out when it deploys
 * exactly one. `--stack` and `--secret-arn` name the target outright, so with them an
 * environment of several plugins needs no `--plugin` (it then only gives the region).
 */
export function chooseStack(args: OpsArgs, config: () => DeploymentConfig): StackChoice {
  // The config is read only when --env names an environment: --secret-arn alone needs none.
  if (args.env === undefined) {
    if (args.plugin !== undefined) {
      throw new UsageError(`--plugin ${args.plugin} names a plugin of an environment: add --env <name>.`, {
        command: commandOf(args),
      });
    }
    return { stackName: args.stack, region: args.region, deployment: undefined };
  }
  const deployed = config();
  const deployment = pluginOf(args, args.env, deployed, { required: !args.stack && !args.secretArn });
  return {
    stackName: args.stack ?? deployment?.stackName,
    region: args.region ?? deployed.environment(args.env).region,
    deployment,
  };
}

function pluginOf(
  args: OpsArgs,
  env: string,
  config: DeploymentConfig,
  { required }: { required: boolean },
): PluginStack | undefined {
  const command = commandOf(args);
  if (!config.environmentNames.includes(env)) {
    throw new UsageError(
      `Unknown environment "${env}". The environments (infra/config/environments.ts): ${config.environmentNames.join(', ')}.`,
      { command },
    );
  }
  const plugins = config.environment(env).plugins;
  const names = plugins.map((plugin) => plugin.pluginName).join(', ');
  if (args.plugin !== undefined) {
    const found = plugins.find((plugin) => plugin.pluginName === args.plugin);
    if (found === undefined) {
      throw new UsageError(
        `Environment "${env}" deploys no plugin "${args.plugin}"; its plugins: ${names}.`,
        {
          command,
        },
      );
    }
    return found;
  }
  if (plugins.length === 1) return plugins[0];
  if (!required) return undefined;
  throw new UsageError(
    plugins.length === 0
      ? `Environment "${env}" deploys no plugins (infra/config/environments.ts, its \`plugins\`).`
      : `Environment "${env}" deploys ${plugins.length} plugins, one stack each: say which with --plugin <name>, one of: ${names}.`,
    { command },
  );
}

function commandOf(args: OpsArgs) {
  return args.command === 'help' ? undefined : args.command;
}
