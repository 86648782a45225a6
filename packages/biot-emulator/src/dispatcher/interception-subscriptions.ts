import { randomUUID } from 'node:crypto';
import { BadRequestError, NotFoundError } from '../errors.js';
import { isPlainObject } from '../http/json-body.js';
import { invalidParameter, oneOf, optionalString, requiredString } from './request-fields.js';

export const INTERCEPTION_TYPES = ['PRE_REQUEST', 'POST_REQUEST', 'ADAPT_ENTITY'] as const;
export type InterceptionType = (typeof INTERCEPTION_TYPES)[number];

/**
 * BioT takes the default order from a server setting whose value is not published (contract
 * §12.13); the emulator uses 1, so an unordered subscription goes first and pushes the others up.
 */
export const DEFAULT_EXECUTION_ORDER = 1;

/** What identifies an interception subscription (BIOT-CONTRACT.md §8.4). */
export interface InterceptionSubscriptionRequest {
  type: InterceptionType;
  /** `<METHOD>/<path>`, PRE_REQUEST and POST_REQUEST only. */
  apiId?: string;
  /** ADAPT_ENTITY only. */
  entityName?: string;
  endpoint: string;
  pathFilters: Record<string, string>;
}

export interface InterceptionSubscription extends InterceptionSubscriptionRequest {
  executionOrder: number;
  id: string;
  creationTime: string;
  lastModifiedTime: string;
}

const API_ID = /^(GET|POST|PUT|PATCH|DELETE)\/\S+$/;

/** Validates a subscribe/unsubscribe body; `apiId` and `entityName` each belong to their types only. */
export function parseInterceptionSubscriptionRequest(
  body: Record<string, unknown>,
): InterceptionSubscriptionRequest {
  const type = oneOf('type', requiredString(body, 'type'), INTERCEPTION_TYPES) as InterceptionType;
  const endpoint = requiredString(body, 'endpoint');
  const pathFilters = parsePathFilters(body.pathFilters);
  if (type === 'ADAPT_ENTITY') {
    if (optionalString(body, 'apiId') !== undefined) {
      throw new BadRequestError('INVALID_PARAMETERS', 'apiId is for PRE_REQUEST and POST_REQUEST only', {
        field: 'apiId',
      });
    }
    return { type, entityName: requiredString(body, 'entityName'), endpoint, pathFilters };
  }
  if (optionalString(body, 'entityName') !== undefined) {
    throw new BadRequestError('INVALID_PARAMETERS', 'entityName is for ADAPT_ENTITY only', {
      field: 'entityName',
    });
  }
  const apiId = requiredString(body, 'apiId');
  if (!API_ID.test(apiId)) throw invalidParameter('apiId', "must look like '<METHOD>/<path>'");
  return { type, apiId, endpoint, pathFilters };
}

export function parseExecutionOrder(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    throw invalidParameter('executionOrder', 'must be a non-negative integer');
  }
  return value as number;
}

/**
 * The dispatcher's interception subscriptions. Orders are unique per type and API (or entity):
 * taking an order pushes its holder, and any holder it then collides with, up by one (BIOT-CONTRACT.md §8.4).
 */
export class InterceptionSubscriptions {
  readonly #byIdentity = new Map<string, InterceptionSubscription>();

  /**
   * Creates a subscription, or, when the same type/API/endpoint/pathFilters exists, overrides its
   * order (keeping its id). `created` tells which happened.
   */
  subscribe(
    request: InterceptionSubscriptionRequest,
    executionOrder: number | undefined,
  ): { subscription: InterceptionSubscription; created: boolean } {
    const identity = identityOf(request);
    const existing = this.#byIdentity.get(identity);
    const now = new Date().toISOString();
    const order = executionOrder ?? existing?.executionOrder ?? DEFAULT_EXECUTION_ORDER;
    const subscription: InterceptionSubscription = existing ?? {
      ...request,
      executionOrder: order,
      id: randomUUID(),
      creationTime: now,
      lastModifiedTime: now,
    };
    this.#makeRoom(subscription, order, now);
    if (existing !== undefined && existing.executionOrder !== order) {
      existing.executionOrder = order;
      existing.lastModifiedTime = now;
    }
    this.#byIdentity.set(identity, subscription);
    return { subscription: copy(subscription), created: existing === undefined };
  }

  unsubscribe(request: InterceptionSubscriptionRequest): void {
    if (!this.#byIdentity.delete(identityOf(request))) {
      throw new NotFoundError('SUBSCRIBER_NOT_FOUND', 'No such interception subscription', { ...request });
    }
  }

  list(): InterceptionSubscription[] {
    return [...this.#byIdentity.values()].map(copy);
  }

  clear(): void {
    this.#byIdentity.clear();
  }

  /** Pushes the holders of `order`, `order + 1`, … in `placing`'s chain up until the clash is gone. */
  #makeRoom(placing: InterceptionSubscription, order: number, now: string): void {
    const chain = chainOf(placing);
    const others = [...this.#byIdentity.values()]
      .filter((other) => other !== placing && chainOf(other) === chain && other.executionOrder >= order)
      .sort((a, b) => a.executionOrder - b.executionOrder);
    let taken = order;
    for (const other of others) {
      if (other.executionOrder !== taken) break;
      other.executionOrder = taken + 1;
      other.lastModifiedTime = now;
      taken += 1;
    }
  }
}

function parsePathFilters(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value) || Object.values(value).some((filter) => typeof filter !== 'string')) {
    throw invalidParameter('pathFilters', 'must be a map of strings');
  }
  return { ...(value as Record<string, string>) };
}

/** Subscriptions that run one after the other for the same call share a chain. */
function chainOf(request: InterceptionSubscriptionRequest): string {
  return `${request.type} ${request.apiId ?? request.entityName}`;
}

function identityOf(request: InterceptionSubscriptionRequest): string {
  const filters = Object.entries(request.pathFilters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([chainOf(request), request.endpoint, filters]);
}

function copy(subscription: InterceptionSubscription): InterceptionSubscription {
  return { ...subscription, pathFilters: { ...subscription.pathFilters } };
}
