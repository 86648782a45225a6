import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { environmentNamed } from '../config/environments.js';
import { assertValidSettings } from './construct/plugin-settings.js';
import { assertValidSubscriptionSettings } from './construct/subscription-settings.js';
import { PluginStack } from './stack/plugin-stack.js';

/**
 * Adds the stack of the environment named by the `env` context value (`-c env=prod`) to the app,
 * with cdk-nag's AwsSolutions checks: an unacknowledged finding fails synth.
 */
export function addPluginStack(app: App): PluginStack {
  const { name, config } = environmentNamed(app.node.tryGetContext('env'));
  // Before the stack exists: appName names the stack, so a bad one should fail with this message.
  assertValidSettings(config);
  assertValidSubscriptionSettings(config);
  const stack = new PluginStack(app, `${config.appName}-${name}`, {
    env: { account: config.account, region: config.region },
    environmentName: name,
    config,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
