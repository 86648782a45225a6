import { deployedSubscriptions, PluginDeploymentError } from '@biot-plugin/infra/deployed-subscriptions';
import {
  ENVIRONMENT_NAMES,
  EnvironmentSettingsError,
  environments,
  type PluginDeployment,
  pluginsOf,
} from '@biot-plugin/infra/environments';
import {
  findPlugins,
  loadPluginDefinition,
  PluginWorkspaceError,
  selectPlugins,
} from '@biot-plugin/workspace';
import { OpsError } from '../errors.js';
import type { DeploymentConfig, PluginStack } from './deployment-config.js';

/**
 * The repository's deployment config: infra/config/environments.ts for the environments, their
 * plugins and regions, and the plugin's own definition (packages/plugins/<name>/src/plugin.ts)
 * for what its stack subscribes to, read only by the one command that needs it.
 */
export function repositoryConfig(): DeploymentConfig {
  return {
    environmentNames: ENVIRONMENT_NAMES,
    environment(name) {
      const config = environments[name as keyof typeof environments];
      return { name, region: config.region, plugins: deploymentsOf(name).map(pluginStack) };
    },
    async declaredSubscriptions(stack) {
      const deployment = deploymentsOf(stack.environmentName).find(
        (candidate) => candidate.pluginName === stack.pluginName,
      );
      if (deployment === undefined) throw new Error(`${stack.stackName} is not a stack of the config`);
      try {
        const [pkg] = selectPlugins(findPlugins(), stack.pluginName);
        const definition = await loadPluginDefinition(pkg as NonNullable<typeof pkg>);
        // The function `cdk synth` gives the stack's custom resource its set with, checks included.
        return deployedSubscriptions(definition, deployment);
      } catch (error) {
        if (error instanceof PluginDeploymentError) {
          throw new OpsError(error.message, '`pnpm synth` reports the same; fix it before applying.', {
            cause: error,
          });
        }
        if (!(error instanceof PluginWorkspaceError)) throw error;
        throw new OpsError(
          `Cannot read the subscriptions of plugin ${stack.pluginName}: ${error.message}`,
          `Environment "${stack.environmentName}" deploys it (infra/config/environments.ts); its definition is packages/plugins/${stack.pluginName}/src/plugin.ts.`,
          { cause: error },
        );
      }
    },
  };
}

function deploymentsOf(environmentName: string): PluginDeployment[] {
  try {
    return pluginsOf(environmentName);
  } catch (error) {
    if (!(error instanceof EnvironmentSettingsError)) throw error;
    throw new OpsError(
      error.message,
      'Fix infra/config/environments.ts; `pnpm synth` checks it the same way.',
      {
        cause: error,
      },
    );
  }
}

function pluginStack({ pluginName, environmentName, stackName, region }: PluginDeployment): PluginStack {
  return { pluginName, environmentName, stackName, region };
}
