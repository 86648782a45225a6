import { PluginDefinitionError } from '@biot-plugin/runtime';
import { PluginWorkspaceError } from '@biot-plugin/workspace';
import { App } from 'aws-cdk-lib';
import { environments } from '../config/environments.js';
import { addPluginStacks } from '../lib/plugin-app.js';
import { DeploymentConfigError } from '../lib/settings/errors.js';
import { loadWorkspacePlugins } from '../lib/workspace-plugins.js';

// cdk.json runs this file: `pnpm cdk synth -c env=dev`, `pnpm cdk deploy -c env=prod --all`.
try {
  addPluginStacks(new App(), { environments, plugins: await loadWorkspacePlugins() });
} catch (error) {
  // A mistake in the config or in a plugin's definition is the user's to fix: say what is wrong,
  // without a stack trace.
  const userMistake =
    error instanceof DeploymentConfigError ||
    error instanceof PluginDefinitionError ||
    error instanceof PluginWorkspaceError;
  if (!userMistake) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
