import type { DeclaredSubscriptions } from '@biot-plugin/runtime';

/** One plugin's stack in one environment: `<plugin>-<env>`, as infra/config/environments.ts deploys it. */
export interface PluginStack {
  readonly pluginName: string;
  readonly environmentName: string;
  readonly stackName: string;
  readonly region: string;
}

/** An environment of the config: where its stacks are, and the plugins it deploys (one stack each). */
export interface DeployedEnvironment {
  readonly name: string;
  readonly region: string;
  readonly plugins: readonly PluginStack[];
}

/**
 * What ops reads of the deployment config (infra/config/environments.ts). The commands get it
 * passed in, so that tests run them against environments and plugins of their own.
 */
export interface DeploymentConfig {
  readonly environmentNames: readonly string[];
  /** An environment named in `environmentNames`. */
  environment(name: string): DeployedEnvironment;
  /** What the plugin's stack registers with BioT: its definition's subscriptions, or the environment's override. */
  declaredSubscriptions(stack: PluginStack): Promise<DeclaredSubscriptions>;
}
