import type { InterceptionSubscription, NotificationSubscription } from '@biot-plugin/runtime';

/**
 * What makes two subscriptions "the same one" for BioT's dispatcher, which is also what an
 * unsubscribe call names (BIOT-CONTRACT.md §8.4). The endpoint is left out: everything compared here
 * belongs to one endpoint already.
 */

/** entity type + action + template: BioT answers 409 to a second subscription with all three equal. */
export function notificationIdentity(subscription: NotificationSubscription): string {
  return JSON.stringify([
    subscription.entityTypeName,
    subscription.actionName,
    subscription.templateName ?? null,
  ]);
}

/** type + API (or entity) + path filters. The order is not part of it: re-subscribing changes it. */
export function interceptionIdentity(subscription: InterceptionSubscription): string {
  return JSON.stringify([
    subscription.type,
    subscription.apiId ?? null,
    subscription.entityName ?? null,
    sortedEntries(subscription.pathFilters ?? {}),
  ]);
}

/**
 * Interceptions that run one after the other for the same call. BioT keeps their orders unique,
 * pushing an existing holder up by one when another takes its order (BIOT-CONTRACT.md §8.4).
 */
export function interceptionChain(subscription: InterceptionSubscription): string {
  return `${subscription.type} ${subscription.apiId ?? subscription.entityName ?? ''}`;
}

/** For messages and the ops view: `patient _create`, `usage-session _update template my-template`. */
export function describeNotification(subscription: NotificationSubscription): string {
  const template = subscription.templateName === undefined ? '' : ` template ${subscription.templateName}`;
  return `${subscription.entityTypeName} ${subscription.actionName}${template}`;
}

/** `PRE_REQUEST POST/organization/v1/users/patients {templateName=x}`, without the order. */
export function describeInterception(subscription: InterceptionSubscription): string {
  const filters = sortedEntries(subscription.pathFilters ?? {});
  const filterText =
    filters.length === 0 ? '' : ` {${filters.map(([key, value]) => `${key}=${value}`).join(', ')}}`;
  return `${interceptionChain(subscription)}${filterText}`;
}

export function sortedEntries(record: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
