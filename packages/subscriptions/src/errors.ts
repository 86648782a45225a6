import type { ReconciliationStep } from './reconcile.js';

/**
 * The package's typed errors. Messages are read by a person in CloudFormation's event list or a
 * terminal, so each says what failed and what to do; none ever contains a secret or a token.
 */
export abstract class SubscriptionsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The declared subscriptions break a rule of BioT's dispatcher (BIOT-CONTRACT.md §8.4, §9). */
export class InvalidSubscriptionsError extends SubscriptionsError {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid BioT subscriptions:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** The custom resource's event lacks what it needs (a bug in the stack, not in BioT). */
export class InvalidResourcePropertiesError extends SubscriptionsError {}

/**
 * BioT's subscriptions could not be made equal to the declared set; `cause` is the BioT error.
 * `applied` lists the calls that took effect before the failure, so a failed create can undo them.
 */
export class RegistrationError extends SubscriptionsError {
  constructor(
    message: string,
    readonly applied: readonly ReconciliationStep[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
