/**
 * What a plugin asks BioT to call it for: the subscription shapes of BioT's dispatcher
 * (BIOT-CONTRACT.md §8.4, §9). The runtime owns the shapes because a plugin's definition names them next
 * to its hooks; `@biot-plugin/subscriptions` checks them against BioT's vocabulary and applies them.
 */

/** The three kinds of interception BioT's dispatcher knows (BIOT-CONTRACT.md §8.4). */
export const INTERCEPTION_TYPES = ['PRE_REQUEST', 'POST_REQUEST', 'ADAPT_ENTITY'] as const;
export type InterceptionType = (typeof INTERCEPTION_TYPES)[number];

/** "Call this plugin when BioT does `actionName` to an entity of `entityTypeName`" (BIOT-CONTRACT.md §8.4, §9). */
export interface NotificationSubscription {
  /** One of BIOT-CONTRACT.md §9's entity types, e.g. `patient`. */
  readonly entityTypeName: string;
  /** An action BioT notifies for that entity type, e.g. `_create`. */
  readonly actionName: string;
  /** Only entities of this template. @default - every template */
  readonly templateName?: string;
}

/** "Let this plugin intercept this API call (or adapt this entity)" (BIOT-CONTRACT.md §8.4). */
export interface InterceptionSubscription {
  readonly type: InterceptionType;
  /** PRE_REQUEST and POST_REQUEST only: `<METHOD>/<path>`, e.g. `POST/organization/v1/users/patients`. */
  readonly apiId?: string;
  /** ADAPT_ENTITY only: the entity whose answers are adapted, e.g. `patient`. */
  readonly entityName?: string;
  /** Narrows the interception, e.g. `{ templateName: 'device-log-file' }`. @default - none */
  readonly pathFilters?: Readonly<Record<string, string>>;
  /**
   * Position among the endpoints intercepting the same call; BioT keeps orders unique by pushing
   * the current holder up. @default - BioT's server default, and whatever order BioT has is kept
   */
  readonly executionOrder?: number;
}

/** Everything one plugin endpoint is subscribed to. Either list may be empty. */
export interface DeclaredSubscriptions {
  readonly notifications: readonly NotificationSubscription[];
  readonly interceptions: readonly InterceptionSubscription[];
}

export const NO_SUBSCRIPTIONS: DeclaredSubscriptions = Object.freeze({
  notifications: Object.freeze([]),
  interceptions: Object.freeze([]),
});
