import { type DeclaredSubscriptions, NO_SUBSCRIPTIONS } from '@biot-plugin/runtime';
import type { DeploymentConfig, PluginStack } from '../../src/target/deployment-config.js';

/** A plugin of a fixture environment: what its definition (or the environment's override) subscribes to. */
export interface FixturePlugin {
  readonly subscriptions?: DeclaredSubscriptions;
}

export interface FixtureEnvironment {
  /** @default 'eu-central-1', moto's */
  readonly region?: string;
  readonly plugins: Readonly<Record<string, FixturePlugin>>;
}

/**
 * Environments and plugins of a test's own, in place of infra/config/environments.ts and the
 * repository's plugins: the ops tests must not change when those do. Stacks are named as the
 * real config names them, `<plugin>-<env>`.
 */
export function fixtureConfig(environments: Readonly<Record<string, FixtureEnvironment>>): DeploymentConfig {
  const stack = (environmentName: string, pluginName: string): PluginStack => ({
    pluginName,
    environmentName,
    stackName: `${pluginName}-${environmentName}`,
    region: regionOf(environmentName),
  });
  const regionOf = (environmentName: string) => environments[environmentName]?.region ?? 'eu-central-1';
  return {
    environmentNames: Object.keys(environments),
    environment: (name) => ({
      name,
      region: regionOf(name),
      plugins: Object.keys(environments[name]?.plugins ?? {}).map((plugin) => stack(name, plugin)),
    }),
    declaredSubscriptions: async ({ environmentName, pluginName }) =>
      environments[environmentName]?.plugins[pluginName]?.subscriptions ?? NO_SUBSCRIPTIONS,
  };
}
