import {
  type DeclaredSubscriptions,
  findSubscriptionProblems,
} from '@biot-plugin/subscriptions/declared-subscriptions';
import { PluginSettingsError } from './plugin-settings.js';

export type {
  DeclaredSubscriptions,
  InterceptionSubscription,
  NotificationSubscription,
} from '@biot-plugin/subscriptions/declared-subscriptions';

/**
 * What BioT calls the plugin for, per environment. `cdk deploy` makes BioT's subscriptions for the
 * plugin's Function URL equal to this set, and `cdk destroy` unsubscribes them (BiotSubscriptions).
 */
export interface BiotSubscriptionSettings {
  /**
   * Notification subscriptions (`entityTypeName`, `actionName`, optional `templateName`) and
   * interception subscriptions (`type`, `apiId` for PRE_REQUEST / POST_REQUEST, `entityName` for
   * ADAPT_ENTITY, optional `pathFilters` and `executionOrder`). Required, so every environment
   * says what it wants; `{ notifications: [], interceptions: [] }` declares none, and then
   * BioT keeps nothing subscribed for the URL.
   */
  readonly subscriptions: DeclaredSubscriptions;
}

/**
 * Fails synth with a PluginSettingsError listing every subscription problem, each naming its entry.
 * The rules are the subscriptions package's, the same the custom resource checks at deploy.
 */
export function assertValidSubscriptionSettings(
  settings: BiotSubscriptionSettings & { appName: string },
): void {
  const problems = findSubscriptionProblems(settings.subscriptions, 'subscriptions');
  if (problems.length > 0) throw new PluginSettingsError(settings.appName, problems);
}
