import type { PluginDefinition, PluginSchedule } from '@biot-plugin/runtime';
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { deployedSubscriptions } from './settings/deployed-subscriptions.js';
import {
  type EnvironmentConfig,
  environmentIn,
  type PluginDeployment,
  resolvePluginDeployments,
} from './settings/environment-config.js';
import { PluginDeploymentError, UnknownPluginError } from './settings/errors.js';
import { PluginStack } from './stack/plugin-stack.js';

/** A plugin the app can deploy: its checked definition and the handler file its bundle starts from. */
export interface DeployablePlugin {
  readonly definition: PluginDefinition;
  /** Its `src/handler.ts`, exporting `handler = lambdaHandler(plugin)`. */
  readonly handlerFile: string;
}

export interface PluginAppInput {
  /** The environments `-c env=<name>` chooses from (config/environments.ts in `cdk synth`). */
  readonly environments: Readonly<Record<string, EnvironmentConfig>>;
  /** The plugins an environment may name (packages/plugins in `cdk synth`: loadWorkspacePlugins). */
  readonly plugins: readonly DeployablePlugin[];
}

/**
 * Adds one stack `<plugin>-<env>` per plugin of the environment named by the `env` context value
 * (`-c env=prod`), with cdk-nag's AwsSolutions checks: an unacknowledged finding fails synth.
 * Every check of the config runs before the first stack exists, so a mistake fails with its
 * DeploymentConfigError rather than half an app.
 */
export function addPluginStacks(app: App, { environments, plugins }: PluginAppInput): PluginStack[] {
  const { name, config } = environmentIn(environments, app.node.tryGetContext('env'));
  const byName = new Map(plugins.map((plugin) => [plugin.definition.name, plugin]));
  // A misspelt plugin name first: its entry's other problems would only be noise.
  const unknown = Object.keys(config.plugins ?? {}).filter((pluginName) => !byName.has(pluginName));
  if (unknown.length > 0) throw new UnknownPluginError(name, unknown, [...byName.keys()].sort());

  const planned = resolvePluginDeployments(name, config).map((deployment) => {
    const plugin = byName.get(deployment.pluginName) as DeployablePlugin;
    assertSchedulable(deployment, plugin.definition.schedule);
    return { deployment, plugin, subscriptions: deployedSubscriptions(plugin.definition, deployment) };
  });
  const stacks = planned.map(
    ({ deployment, plugin, subscriptions }) =>
      new PluginStack(app, deployment.stackName, {
        env: { account: deployment.account, region: deployment.region },
        deployment,
        definition: plugin.definition,
        subscriptions,
        handlerFile: plugin.handlerFile,
      }),
  );
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stacks;
}

/** EventBridge Scheduler takes IANA time zone names only; a typo would fail the deploy, so synth says it first. */
function assertSchedulable(deployment: PluginDeployment, schedule: PluginSchedule | undefined): void {
  const timezone = schedule?.timezone;
  if (timezone === undefined) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new PluginDeploymentError(deployment.pluginName, deployment.environmentName, [
      `plugin.schedule.timezone "${timezone}" is not an IANA time zone such as Europe/Berlin`,
    ]);
  }
}
