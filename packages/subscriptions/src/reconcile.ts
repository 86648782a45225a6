import type {
  DeclaredSubscriptions,
  InterceptionSubscription,
  NotificationSubscription,
} from '@biot-plugin/runtime';
import type {
  RegisteredInterception,
  RegisteredNotification,
  RegisteredSubscriptions,
} from './registered-subscriptions.js';
import { interceptionChain, interceptionIdentity, notificationIdentity } from './subscription-identity.js';

/**
 * - `in-sync`: declared and registered alike.
 * - `missing`: declared, BioT does not have it.
 * - `not-declared`: BioT has it for this endpoint, the config does not (or has it twice).
 * - `order-differs`: an interception whose declared order BioT does not have.
 */
export type DriftState = 'in-sync' | 'missing' | 'not-declared' | 'order-differs';

export interface NotificationComparison {
  readonly state: Exclude<DriftState, 'order-differs'>;
  readonly declared?: NotificationSubscription;
  readonly registered?: RegisteredNotification;
}

export interface InterceptionComparison {
  readonly state: DriftState;
  readonly declared?: InterceptionSubscription;
  readonly registered?: RegisteredInterception;
}

/** Declared beside registered, one row per subscription: the ops view and the plan both read it. */
export interface SubscriptionComparison {
  readonly notifications: readonly NotificationComparison[];
  readonly interceptions: readonly InterceptionComparison[];
}

export type ReconciliationStep =
  | { readonly action: 'subscribe-notification'; readonly subscription: NotificationSubscription }
  | { readonly action: 'unsubscribe-notification'; readonly registered: RegisteredNotification }
  | { readonly action: 'subscribe-interception'; readonly subscription: InterceptionSubscription }
  | {
      readonly action: 'resubscribe-interception';
      readonly subscription: InterceptionSubscription;
      readonly registered: RegisteredInterception;
    }
  | { readonly action: 'unsubscribe-interception'; readonly registered: RegisteredInterception };

export function compareSubscriptions(
  declared: DeclaredSubscriptions,
  registered: RegisteredSubscriptions,
  endpoint: string,
): SubscriptionComparison {
  return {
    notifications: pair(declared.notifications, registered.notifications, notificationIdentity, endpoint).map(
      ({ declared: wanted, registered: found }) => ({
        state: wanted === undefined ? 'not-declared' : found === undefined ? 'missing' : 'in-sync',
        ...(wanted === undefined ? {} : { declared: wanted }),
        ...(found === undefined ? {} : { registered: found }),
      }),
    ),
    interceptions: pair(declared.interceptions, registered.interceptions, interceptionIdentity, endpoint).map(
      ({ declared: wanted, registered: found }) => ({
        state: interceptionState(wanted, found),
        ...(wanted === undefined ? {} : { declared: wanted }),
        ...(found === undefined ? {} : { registered: found }),
      }),
    ),
  };
}

export function isInSync(comparison: SubscriptionComparison): boolean {
  return [...comparison.notifications, ...comparison.interceptions].every((row) => row.state === 'in-sync');
}

/**
 * The calls that make BioT equal to the declared set. Subscriptions come before unsubscriptions,
 * so a subscription that changes (a new path filter, say) is briefly there twice rather than
 * briefly missing: an interceptor that is skipped lets a call through unchecked. Interceptions are
 * placed in ascending order, so each one pushes (BIOT-CONTRACT.md §8.4) as few others as possible.
 */
export function planReconciliation(comparison: SubscriptionComparison): ReconciliationStep[] {
  const placements: ReconciliationStep[] = [];
  const removals: ReconciliationStep[] = [];
  for (const row of comparison.notifications) {
    if (row.state === 'missing' && row.declared) {
      placements.push({ action: 'subscribe-notification', subscription: row.declared });
    } else if (row.state === 'not-declared' && row.registered) {
      removals.push({ action: 'unsubscribe-notification', registered: row.registered });
    }
  }
  const interceptions = [...comparison.interceptions].sort(byChainThenOrder);
  for (const row of interceptions) {
    if (row.state === 'missing' && row.declared) {
      placements.push({ action: 'subscribe-interception', subscription: row.declared });
    } else if (row.state === 'order-differs' && row.declared && row.registered) {
      placements.push({
        action: 'resubscribe-interception',
        subscription: row.declared,
        registered: row.registered,
      });
    } else if (row.state === 'not-declared' && row.registered) {
      removals.push({ action: 'unsubscribe-interception', registered: row.registered });
    }
  }
  return [...placements, ...removals];
}

function interceptionState(
  declared: InterceptionSubscription | undefined,
  registered: RegisteredInterception | undefined,
): DriftState {
  if (declared === undefined) return 'not-declared';
  if (registered === undefined) return 'missing';
  // No declared order means "whatever BioT gave it".
  if (declared.executionOrder !== undefined && declared.executionOrder !== registered.executionOrder) {
    return 'order-differs';
  }
  return 'in-sync';
}

/**
 * Pairs each declared subscription with the registered one of the same identity. A second
 * registered one of an identity (the same subscription under the endpoint spelled with and
 * without its trailing "/") is left unpaired, so it is unsubscribed; the exact spelling wins.
 */
function pair<D, R extends { readonly endpoint: string }>(
  declared: readonly D[],
  registered: readonly R[],
  identity: (subscription: D | R) => string,
  endpoint: string,
): { declared?: D; registered?: R }[] {
  const unpaired = new Map<string, R>();
  const extra: R[] = [];
  const exactFirst = [...registered].sort(
    (a, b) => Number(b.endpoint === endpoint) - Number(a.endpoint === endpoint),
  );
  for (const found of exactFirst) {
    const key = identity(found);
    if (unpaired.has(key)) extra.push(found);
    else unpaired.set(key, found);
  }
  const rows: { declared?: D; registered?: R }[] = declared.map((wanted) => {
    const key = identity(wanted);
    const found = unpaired.get(key);
    unpaired.delete(key);
    return found === undefined ? { declared: wanted } : { declared: wanted, registered: found };
  });
  for (const found of [...unpaired.values(), ...extra]) rows.push({ registered: found });
  return rows;
}

function byChainThenOrder(a: InterceptionComparison, b: InterceptionComparison): number {
  const left = a.declared ?? a.registered;
  const right = b.declared ?? b.registered;
  if (left === undefined || right === undefined) return 0;
  const chainA = interceptionChain(left);
  const chainB = interceptionChain(right);
  if (chainA !== chainB) return chainA < chainB ? -1 : 1;
  return (left.executionOrder ?? Number.MAX_SAFE_INTEGER) - (right.executionOrder ?? Number.MAX_SAFE_INTEGER);
}
