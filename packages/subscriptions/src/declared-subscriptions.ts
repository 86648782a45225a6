import { isBiotApiId, nearestBiotApiIds } from '@biot-plugin/biot-api/api-ids';
import type {
  DeclaredSubscriptions,
  InterceptionSubscription,
  NotificationSubscription,
} from '@biot-plugin/runtime';
import {
  API_ID_PATTERN,
  INTERCEPTION_TYPES,
  type InterceptionType,
  NOTIFICATION_ACTIONS_BY_ENTITY_TYPE,
  NOTIFICATION_ENTITY_TYPES,
} from './biot-vocabulary.js';
import { InvalidSubscriptionsError } from './errors.js';
import {
  describeInterception,
  describeNotification,
  interceptionChain,
  interceptionIdentity,
  notificationIdentity,
  sortedEntries,
} from './subscription-identity.js';

// The shapes are the runtime's: a plugin's definition names them next to its hooks. Re-exported
// for this package's users; its own modules import them from the runtime, so no module of the
// package imports this one for a type (that made errors.ts and reconcile.ts a cycle).
export type {
  DeclaredSubscriptions,
  InterceptionSubscription,
  NotificationSubscription,
} from '@biot-plugin/runtime';
export { NO_SUBSCRIPTIONS } from '@biot-plugin/runtime';

const NOTIFICATION_FIELDS = new Set(['entityTypeName', 'actionName', 'templateName']);
const INTERCEPTION_FIELDS = new Set(['type', 'apiId', 'entityName', 'pathFilters', 'executionOrder']);

/**
 * Field names of BioT's plugin API (settings v2) that the dispatcher spells differently; someone
 * copying a plugin config would otherwise get an unexplained "unknown field" (BIOT-CONTRACT.md §8.4).
 */
const PLUGIN_API_SPELLINGS: Readonly<Record<string, string>> = {
  entityTypeName: 'entityName',
  order: 'executionOrder',
};

/**
 * Every rule the declared subscriptions break, each message naming the entry
 * (`subscriptions.interceptions[1] (ADAPT_ENTITY patient)`). Empty when they are valid. Works on
 * unknown input, since it also checks what a CloudFormation event carries.
 */
export function findSubscriptionProblems(value: unknown, path = 'subscriptions'): string[] {
  if (!isPlainObject(value)) return [`${path} must be an object with "notifications" and "interceptions"`];
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (key !== 'notifications' && key !== 'interceptions')
      problems.push(`${path} has an unknown field "${key}"`);
  }
  const notifications = listAt(value, 'notifications', path, problems);
  const interceptions = listAt(value, 'interceptions', path, problems);
  notifications.forEach((entry, index) => {
    problems.push(...notificationProblems(entry, `${path}.notifications[${index}]`));
  });
  interceptions.forEach((entry, index) => {
    problems.push(...interceptionProblems(entry, `${path}.interceptions[${index}]`));
  });
  if (problems.length > 0) return problems;
  const declared = { notifications, interceptions } as DeclaredSubscriptions;
  return [...duplicateProblems(declared, path), ...orderClashProblems(declared, path)];
}

/** Validates and returns the canonical form; throws InvalidSubscriptionsError listing every problem. */
export function parseDeclaredSubscriptions(value: unknown, path = 'subscriptions'): DeclaredSubscriptions {
  const problems = findSubscriptionProblems(value, path);
  if (problems.length > 0) throw new InvalidSubscriptionsError(problems);
  const { notifications = [], interceptions = [] } = value as Partial<DeclaredSubscriptions>;
  return canonicalSubscriptions({ notifications, interceptions });
}

/**
 * The same set in one order with no empty optional fields, so reordering a config file, or
 * writing `pathFilters: {}`, changes nothing in the template and triggers no update.
 */
export function canonicalSubscriptions(declared: DeclaredSubscriptions): DeclaredSubscriptions {
  const notifications = declared.notifications
    .map(canonicalNotification)
    .sort((a, b) => compare(notificationIdentity(a), notificationIdentity(b)));
  const interceptions = declared.interceptions
    .map(canonicalInterception)
    .sort((a, b) => compare(interceptionIdentity(a), interceptionIdentity(b)));
  return { notifications, interceptions };
}

export function canonicalNotification(subscription: NotificationSubscription): NotificationSubscription {
  return {
    entityTypeName: subscription.entityTypeName,
    actionName: subscription.actionName,
    ...(subscription.templateName ? { templateName: subscription.templateName } : {}),
  };
}

export function canonicalInterception(subscription: InterceptionSubscription): InterceptionSubscription {
  const filters = sortedEntries(subscription.pathFilters ?? {});
  return {
    type: subscription.type,
    ...(subscription.apiId ? { apiId: subscription.apiId } : {}),
    ...(subscription.entityName ? { entityName: subscription.entityName } : {}),
    ...(filters.length > 0 ? { pathFilters: Object.fromEntries(filters) } : {}),
    ...(subscription.executionOrder === undefined ? {} : { executionOrder: subscription.executionOrder }),
  };
}

function listAt(value: Record<string, unknown>, key: string, path: string, problems: string[]): unknown[] {
  const list = value[key];
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problems.push(`${path}.${key} must be a list`);
    return [];
  }
  return list;
}

function notificationProblems(entry: unknown, path: string): string[] {
  if (!isPlainObject(entry)) return [`${path} must be an object`];
  const problems = unknownFieldProblems(entry, NOTIFICATION_FIELDS, path);
  const { entityTypeName, actionName, templateName } = entry;
  const name = `${path} (${String(entityTypeName)} ${String(actionName)})`;
  if (typeof entityTypeName !== 'string' || !NOTIFICATION_ENTITY_TYPES.includes(entityTypeName)) {
    problems.push(
      `${name}: entityTypeName ${JSON.stringify(entityTypeName)} is not a BioT entity type ` +
        `(${NOTIFICATION_ENTITY_TYPES.join(', ')})`,
    );
  } else {
    const actions = NOTIFICATION_ACTIONS_BY_ENTITY_TYPE[entityTypeName] ?? [];
    if (typeof actionName !== 'string' || !actions.includes(actionName)) {
      problems.push(
        `${name}: actionName ${JSON.stringify(actionName)} is not an action BioT notifies for ` +
          `${entityTypeName} (${actions.join(', ')})`,
      );
    }
  }
  if (templateName !== undefined && !isNonEmptyString(templateName)) {
    problems.push(`${name}: templateName must be a non-empty string when given`);
  }
  return problems;
}

function interceptionProblems(entry: unknown, path: string): string[] {
  if (!isPlainObject(entry)) return [`${path} must be an object`];
  const problems = unknownFieldProblems(entry, INTERCEPTION_FIELDS, path);
  const { type, apiId, entityName, pathFilters, executionOrder } = entry;
  const name = `${path} (${String(type)} ${String(apiId ?? entityName)})`;
  if (!INTERCEPTION_TYPES.includes(type as InterceptionType)) {
    problems.push(`${name}: type ${JSON.stringify(type)} is not one of ${INTERCEPTION_TYPES.join(', ')}`);
  } else if (type === 'ADAPT_ENTITY') {
    if (apiId !== undefined) problems.push(`${name}: apiId is for PRE_REQUEST and POST_REQUEST only`);
    if (!isNonEmptyString(entityName) || /\s/.test(entityName)) {
      problems.push(`${name}: ADAPT_ENTITY needs an entityName, e.g. "patient"`);
    }
  } else {
    if (entityName !== undefined) problems.push(`${name}: entityName is for ADAPT_ENTITY only`);
    if (typeof apiId !== 'string' || !API_ID_PATTERN.test(apiId)) {
      problems.push(
        `${name}: ${String(type)} needs an apiId like "POST/organization/v1/users/patients" (<METHOD>/<path>)`,
      );
    } else if (!isBiotApiId(apiId)) {
      // BioT's own OpenAPI files list every API it serves; an apiId outside them never fires.
      problems.push(
        `${name}: apiId "${apiId}" is not an API in BioT's OpenAPI files; ` +
          `closest: ${nearestBiotApiIds(apiId).join(', ')}`,
      );
    }
  }
  if (pathFilters !== undefined && !isStringMap(pathFilters)) {
    problems.push(`${name}: pathFilters must map names to non-empty strings`);
  }
  if (
    executionOrder !== undefined &&
    !(Number.isSafeInteger(executionOrder) && (executionOrder as number) >= 0)
  ) {
    problems.push(`${name}: executionOrder ${JSON.stringify(executionOrder)} is not a whole number ≥ 0`);
  }
  return problems;
}

function unknownFieldProblems(entry: Record<string, unknown>, known: Set<string>, path: string): string[] {
  return Object.keys(entry)
    .filter((key) => !known.has(key))
    .map((key) => {
      const spelling = PLUGIN_API_SPELLINGS[key];
      const hint =
        spelling && known.has(spelling)
          ? `; the dispatcher calls it "${spelling}" ("${key}" is the plugin API's name)`
          : '';
      return `${path} has an unknown field "${key}"${hint}`;
    });
}

/** BioT keeps one subscription per identity: a second entry would be dead config, or a conflicting one. */
function duplicateProblems(declared: DeclaredSubscriptions, path: string): string[] {
  return [
    ...duplicatesBy(declared.notifications, notificationIdentity).map(
      ([first, second]) =>
        `${path}.notifications[${second}] repeats notifications[${first}] ` +
        `(${describeNotification(declared.notifications[first] as NotificationSubscription)})`,
    ),
    ...duplicatesBy(declared.interceptions, interceptionIdentity).map(
      ([first, second]) =>
        `${path}.interceptions[${second}] repeats interceptions[${first}] ` +
        `(${describeInterception(declared.interceptions[first] as InterceptionSubscription)}); ` +
        'BioT keeps one per type, API or entity, and path filters',
    ),
  ];
}

/** Two orders that BioT would make unique by moving one of them: the result would never match. */
function orderClashProblems(declared: DeclaredSubscriptions, path: string): string[] {
  const ordered = declared.interceptions
    .map((subscription, index) => ({ subscription, index }))
    .filter(({ subscription }) => subscription.executionOrder !== undefined);
  return duplicatesBy(
    ordered,
    ({ subscription }) => `${interceptionChain(subscription)} ${subscription.executionOrder}`,
  ).map(([first, second]) => {
    const a = ordered[first] as (typeof ordered)[number];
    const b = ordered[second] as (typeof ordered)[number];
    return (
      `${path}.interceptions[${b.index}] and interceptions[${a.index}] both take executionOrder ` +
      `${a.subscription.executionOrder} for ${interceptionChain(a.subscription)}; BioT keeps orders unique`
    );
  });
}

function duplicatesBy<T>(items: readonly T[], key: (item: T) => string): [number, number][] {
  const firstIndex = new Map<string, number>();
  const duplicates: [number, number][] = [];
  items.forEach((item, index) => {
    const identity = key(item);
    const first = firstIndex.get(identity);
    if (first === undefined) firstIndex.set(identity, index);
    else duplicates.push([first, index]);
  });
  return duplicates;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isStringMap(value: unknown): boolean {
  return (
    isPlainObject(value) &&
    Object.entries(value).every(([key, filter]) => key.trim() !== '' && isNonEmptyString(filter))
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
