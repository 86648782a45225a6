import type { DeclaredSubscriptions } from '@biot-plugin/runtime';
import type { BiotDispatcher, CallContext } from './biot-dispatcher.js';
import { describeDrift, describeStep } from './describe.js';
import { RegistrationError } from './errors.js';
import { explainFailure } from './explain-failure.js';
import { compareSubscriptions, planReconciliation, type ReconciliationStep } from './reconcile.js';
import type { SubscriptionsLogger } from './subscriptions-logger.js';

export interface SyncOptions {
  readonly logger: SubscriptionsLogger;
  /** For messages: where BioT is. */
  readonly biotBaseUrl: string;
}

export interface SyncResult {
  /** The calls that changed something in BioT, in order. Empty when BioT was already in sync. */
  readonly applied: readonly ReconciliationStep[];
}

/**
 * Re-reading after applying catches what a plan cannot foresee: BioT pushing one of this
 * plugin's interceptions up when another takes its order, or a 409 for a subscription that a
 * stale search did not show. Three rounds settle every case BioT documents; more means BioT does
 * something unexpected, and the error then says what still differs.
 */
const MAX_ROUNDS = 3;

/**
 * Makes BioT's subscriptions for `endpoint` equal to `declared`: reads what BioT has, subscribes
 * what is missing, re-subscribes interceptions whose order differs, unsubscribes the rest, and
 * reads again until nothing differs. Running it twice changes nothing the second time.
 */
export async function syncEndpoint(
  dispatcher: BiotDispatcher,
  endpoint: string,
  declared: DeclaredSubscriptions,
  context: CallContext,
  options: SyncOptions,
): Promise<SyncResult> {
  const applied: ReconciliationStep[] = [];
  for (let round = 1; ; round += 1) {
    let plan: ReconciliationStep[];
    try {
      const comparison = compareSubscriptions(
        declared,
        await dispatcher.registeredFor(endpoint, context),
        endpoint,
      );
      plan = planReconciliation(comparison);
      if (plan.length === 0) return { applied };
      if (round > MAX_ROUNDS) {
        throw new RegistrationError(
          `BioT's subscriptions for ${endpoint} still differ from the declared set after ${MAX_ROUNDS} rounds: ` +
            describeDrift(comparison),
          applied,
        );
      }
    } catch (error) {
      throw asRegistrationError(error, applied, endpoint, options.biotBaseUrl);
    }
    for (const step of plan) {
      try {
        const outcome = await applyStep(dispatcher, endpoint, step, context);
        if (outcome === 'changed') applied.push(step);
        options.logger.info('BioT subscription step', { step: describeStep(step), outcome, endpoint });
      } catch (error) {
        throw asRegistrationError(error, applied, endpoint, options.biotBaseUrl);
      }
    }
  }
}

function applyStep(
  dispatcher: BiotDispatcher,
  endpoint: string,
  step: ReconciliationStep,
  context: CallContext,
): Promise<'changed' | 'unchanged'> {
  switch (step.action) {
    case 'subscribe-notification':
      return dispatcher.subscribeNotification(endpoint, step.subscription, context);
    case 'unsubscribe-notification':
      return dispatcher.unsubscribeNotification(step.registered, context);
    case 'subscribe-interception':
      return dispatcher.subscribeInterception(endpoint, step.subscription, context);
    case 'resubscribe-interception':
      // The registered spelling of the endpoint: a re-subscribe must name the same subscription.
      return dispatcher.subscribeInterception(step.registered.endpoint, step.subscription, context);
    case 'unsubscribe-interception':
      return dispatcher.unsubscribeInterception(step.registered, context);
  }
}

function asRegistrationError(
  error: unknown,
  applied: readonly ReconciliationStep[],
  endpoint: string,
  biotBaseUrl: string,
): RegistrationError {
  if (error instanceof RegistrationError) return error;
  return new RegistrationError(
    `Could not make BioT's subscriptions for ${endpoint} match the declared set: ${explainFailure(error, biotBaseUrl)}`,
    applied,
    { cause: error },
  );
}
