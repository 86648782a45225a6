import type { InterceptionSubscription, NotificationSubscription } from '@biot-plugin/runtime';

/** A notification subscription as BioT's dispatcher has it: for one endpoint, with BioT's id. */
export interface RegisteredNotification extends NotificationSubscription {
  /** As BioT stores it; an unsubscribe must name exactly this string. */
  readonly endpoint: string;
  readonly id?: string;
}

/** An interception subscription as BioT's dispatcher has it, with the order BioT gave it. */
export interface RegisteredInterception extends InterceptionSubscription {
  readonly endpoint: string;
  readonly id?: string;
}

/** What BioT has for one plugin endpoint. */
export interface RegisteredSubscriptions {
  readonly notifications: readonly RegisteredNotification[];
  readonly interceptions: readonly RegisteredInterception[];
}

/**
 * The spellings of one endpoint that BioT may hold: a Function URL ends in "/", and a hand-made
 * subscription may have left it off. Both call the same Lambda, so both belong to this plugin.
 */
export function endpointVariants(endpoint: string): string[] {
  const bare = endpoint.replace(/\/+$/, '');
  return bare === endpoint ? [endpoint, `${endpoint}/`] : [endpoint, bare];
}
