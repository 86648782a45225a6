import { type PluginDefinition, subscriptionOverrideProblems } from '@biot-plugin/runtime';
import {
  type DeclaredSubscriptions,
  findSubscriptionProblems,
} from '@biot-plugin/subscriptions/declared-subscriptions';
import type { PluginDeployment } from './environment-config.js';
import { PluginDeploymentError } from './errors.js';

export { PluginDeploymentError };

/**
 * What the stack of a plugin in an environment subscribes its Function URL to: the plugin's
 * definition's subscriptions, or the environment's override of them. Throws a
 * PluginDeploymentError listing every problem: BioT's vocabulary (the subscriptions package's
 * rules, the ones the custom resource applies at deploy) and, for an override, a subscription for a
 * hook the plugin lacks. Each problem names where it is written: `plugin.subscriptions…` in the
 * plugin's src/plugin.ts, `plugins.<name>.subscriptions…` in the environment's config.
 */
export function deployedSubscriptions(
  definition: PluginDefinition,
  deployment: Pick<PluginDeployment, 'pluginName' | 'environmentName' | 'subscriptions'>,
): DeclaredSubscriptions {
  const override = deployment.subscriptions;
  if (override === undefined) {
    return checked(
      definition.subscriptions,
      findSubscriptionProblems(definition.subscriptions, 'plugin.subscriptions'),
    );
  }
  const path = `plugins.${deployment.pluginName}.subscriptions`;
  const subscriptions = typeof override === 'function' ? override(definition.subscriptions) : override;
  const problems = findSubscriptionProblems(subscriptions, path);
  if (hasBothLists(subscriptions))
    problems.push(...subscriptionOverrideProblems(definition, subscriptions, path));
  return checked(subscriptions, problems);

  function checked(declared: DeclaredSubscriptions, problems: readonly string[]): DeclaredSubscriptions {
    if (problems.length > 0) {
      throw new PluginDeploymentError(deployment.pluginName, deployment.environmentName, problems);
    }
    return declared;
  }
}

/** An override's result is the config's to get right; the hook check needs its two lists to exist. */
function hasBothLists(value: unknown): value is DeclaredSubscriptions {
  const candidate = value as Partial<DeclaredSubscriptions> | undefined;
  return Array.isArray(candidate?.notifications) && Array.isArray(candidate?.interceptions);
}
