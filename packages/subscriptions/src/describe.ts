import type { InterceptionSubscription } from '@biot-plugin/runtime';
import type { InterceptionComparison, ReconciliationStep, SubscriptionComparison } from './reconcile.js';
import { describeInterception, describeNotification } from './subscription-identity.js';

/** `subscribe notification patient _create`, for logs and messages. */
export function describeStep(step: ReconciliationStep): string {
  switch (step.action) {
    case 'subscribe-notification':
      return `subscribe notification ${describeNotification(step.subscription)}`;
    case 'unsubscribe-notification':
      return `unsubscribe notification ${describeNotification(step.registered)}`;
    case 'subscribe-interception':
      return `subscribe interception ${describeOrdered(step.subscription)}`;
    case 'resubscribe-interception':
      return (
        `re-subscribe interception ${describeInterception(step.subscription)} ` +
        `from order ${step.registered.executionOrder ?? 'unknown'} to ${step.subscription.executionOrder}`
      );
    case 'unsubscribe-interception':
      return `unsubscribe interception ${describeOrdered(step.registered)}`;
  }
}

/** What differs, in one line: `missing: patient _create; not declared: device _update`. */
export function describeDrift(comparison: SubscriptionComparison): string {
  const parts = [
    ...comparison.notifications
      .filter((row) => row.state !== 'in-sync')
      .map((row) => {
        const subscription = row.declared ?? row.registered;
        return `${row.state}: notification ${subscription ? describeNotification(subscription) : '?'}`;
      }),
    ...comparison.interceptions.filter((row) => row.state !== 'in-sync').map(describeInterceptionRow),
  ];
  return parts.length === 0 ? 'nothing' : parts.join('; ');
}

function describeOrdered(subscription: InterceptionSubscription): string {
  const order = subscription.executionOrder === undefined ? '' : ` order ${subscription.executionOrder}`;
  return `${describeInterception(subscription)}${order}`;
}

function describeInterceptionRow(row: InterceptionComparison): string {
  if (row.state === 'order-differs' && row.declared && row.registered) {
    return (
      `order-differs: interception ${describeInterception(row.declared)} ` +
      `declared ${row.declared.executionOrder}, BioT has ${row.registered.executionOrder ?? 'none'}`
    );
  }
  const subscription = row.declared ?? row.registered;
  return `${row.state}: interception ${subscription ? describeOrdered(subscription) : '?'}`;
}
