import { BiotApiError, type BiotHttp } from '@biot-plugin/core';
import type { InterceptionSubscription, NotificationSubscription } from '@biot-plugin/runtime';
import type { InterceptionType } from './biot-vocabulary.js';
import {
  endpointVariants,
  type RegisteredInterception,
  type RegisteredNotification,
  type RegisteredSubscriptions,
} from './registered-subscriptions.js';

/** The time budget and trace of one run (a custom resource event, an ops command). */
export interface CallContext {
  /** Epoch ms by which every BioT call must be over. */
  readonly deadline: number;
  readonly traceparent: string;
}

/** `changed`, or `unchanged` when BioT already had the subscription (409) or had none to remove (404). */
export type DispatcherOutcome = 'changed' | 'unchanged';

export const DISPATCHER_ROUTES = {
  notifications: '/dispatcher/v1/hooks/notifications',
  subscribeNotification: '/dispatcher/v1/hooks/notifications/subscribe',
  unsubscribeNotification: '/dispatcher/v1/hooks/notifications/unsubscribe',
  interceptions: '/dispatcher/v1/hooks/interceptions',
  subscribeInterception: '/dispatcher/v1/hooks/interceptions/subscribe',
  unsubscribeInterception: '/dispatcher/v1/hooks/interceptions/unsubscribe',
} as const;

// BioT's own default page size (BIOT-CONTRACT.md §6); a plugin with more subscriptions than this is rare.
const PAGE_LIMIT = 100;
// Ten thousand subscriptions for one endpoint would be a runaway loop, not a plugin.
const MAX_PAGES = 100;

interface SearchAnswer {
  data?: unknown[];
  metadata?: { page?: { totalResults?: number } };
}

/**
 * BioT's dispatcher subscription API for one logged-in service user (BIOT-CONTRACT.md §8.4). Every call is
 * safe to repeat: a subscribe BioT answers with 409 and an unsubscribe it answers with 404 have
 * the wanted effect already, so retries and re-run events change nothing more.
 */
export class BiotDispatcher {
  constructor(
    private readonly http: BiotHttp,
    private readonly accessToken: string,
  ) {}

  /**
   * Everything BioT has for this endpoint, all pages. BioT's answer is filtered once more here, so
   * a filter BioT ignored can never make this plugin unsubscribe another endpoint.
   */
  async registeredFor(endpoint: string, context: CallContext): Promise<RegisteredSubscriptions> {
    const variants = endpointVariants(endpoint);
    const notifications = await this.search(DISPATCHER_ROUTES.notifications, variants, context);
    const interceptions = await this.search(DISPATCHER_ROUTES.interceptions, variants, context);
    return {
      notifications: notifications.flatMap((entry) => toRegisteredNotification(entry, variants)),
      interceptions: interceptions.flatMap((entry) => toRegisteredInterception(entry, variants)),
    };
  }

  async subscribeNotification(
    endpoint: string,
    subscription: NotificationSubscription,
    context: CallContext,
  ): Promise<DispatcherOutcome> {
    return this.post(
      DISPATCHER_ROUTES.subscribeNotification,
      notificationBody(endpoint, subscription),
      409,
      context,
    );
  }

  async unsubscribeNotification(
    registered: RegisteredNotification,
    context: CallContext,
  ): Promise<DispatcherOutcome> {
    return this.post(
      DISPATCHER_ROUTES.unsubscribeNotification,
      notificationBody(registered.endpoint, registered),
      404,
      context,
    );
  }

  /** Also re-subscribes: BioT then overrides the order of the existing subscription (BIOT-CONTRACT.md §8.4). */
  async subscribeInterception(
    endpoint: string,
    subscription: InterceptionSubscription,
    context: CallContext,
  ): Promise<DispatcherOutcome> {
    const body = {
      ...interceptionBody(endpoint, subscription),
      ...(subscription.executionOrder === undefined ? {} : { executionOrder: subscription.executionOrder }),
    };
    return this.post(DISPATCHER_ROUTES.subscribeInterception, body, 409, context);
  }

  async unsubscribeInterception(
    registered: RegisteredInterception,
    context: CallContext,
  ): Promise<DispatcherOutcome> {
    return this.post(
      DISPATCHER_ROUTES.unsubscribeInterception,
      interceptionBody(registered.endpoint, registered),
      404,
      context,
    );
  }

  private async post(
    path: string,
    json: Record<string, unknown>,
    alreadyDoneStatus: number,
    context: CallContext,
  ): Promise<DispatcherOutcome> {
    try {
      // Retried like the login: a repeat is answered 409 or 404, which counts as done.
      await this.http.call({
        method: 'POST',
        path,
        json,
        retry: 'always',
        headers: this.headers(),
        ...context,
      });
      return 'changed';
    } catch (error) {
      if (error instanceof BiotApiError && error.upstreamStatus === alreadyDoneStatus) return 'unchanged';
      throw error;
    }
  }

  private async search(path: string, endpoints: string[], context: CallContext): Promise<unknown[]> {
    const found: unknown[] = [];
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const searchRequest = JSON.stringify({
        filter: { endpoint: { in: endpoints } },
        page,
        limit: PAGE_LIMIT,
      });
      const answer = await this.http.call<SearchAnswer>({
        method: 'GET',
        path,
        searchParams: { searchRequest },
        headers: this.headers(),
        ...context,
      });
      const data = Array.isArray(answer?.data) ? answer.data : [];
      found.push(...data);
      const total = answer?.metadata?.page?.totalResults;
      const more = typeof total === 'number' ? found.length < total : data.length === PAGE_LIMIT;
      if (data.length === 0 || !more) return found;
    }
    throw new Error(
      `BioT listed more than ${MAX_PAGES * PAGE_LIMIT} subscriptions at ${path} for one endpoint`,
    );
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.accessToken}` };
  }
}

function notificationBody(endpoint: string, subscription: NotificationSubscription): Record<string, unknown> {
  return {
    entityTypeName: subscription.entityTypeName,
    actionName: subscription.actionName,
    endpoint,
    ...(subscription.templateName === undefined ? {} : { templateName: subscription.templateName }),
  };
}

/** Identifies the subscription: the order is not part of it (BIOT-CONTRACT.md §8.4, unsubscribe body). */
function interceptionBody(endpoint: string, subscription: InterceptionSubscription): Record<string, unknown> {
  return {
    type: subscription.type,
    ...(subscription.apiId === undefined ? {} : { apiId: subscription.apiId }),
    ...(subscription.entityName === undefined ? {} : { entityName: subscription.entityName }),
    endpoint,
    pathFilters: subscription.pathFilters ?? {},
  };
}

function toRegisteredNotification(entry: unknown, endpoints: string[]): RegisteredNotification[] {
  if (!isRecord(entry)) return [];
  const { entityTypeName, actionName, endpoint, templateName, id } = entry;
  if (typeof entityTypeName !== 'string' || typeof actionName !== 'string') return [];
  if (typeof endpoint !== 'string' || !endpoints.includes(endpoint)) return [];
  return [
    {
      entityTypeName,
      actionName,
      endpoint,
      // BioT may answer null or '' for "every template".
      ...(typeof templateName === 'string' && templateName !== '' ? { templateName } : {}),
      ...(typeof id === 'string' ? { id } : {}),
    },
  ];
}

function toRegisteredInterception(entry: unknown, endpoints: string[]): RegisteredInterception[] {
  if (!isRecord(entry)) return [];
  const { type, apiId, entityName, endpoint, pathFilters, executionOrder, id } = entry;
  if (typeof type !== 'string' || typeof endpoint !== 'string' || !endpoints.includes(endpoint)) return [];
  const filters = isRecord(pathFilters)
    ? Object.fromEntries(
        Object.entries(pathFilters).filter(
          (filter): filter is [string, string] => typeof filter[1] === 'string',
        ),
      )
    : {};
  return [
    {
      type: type as InterceptionType,
      endpoint,
      ...(typeof apiId === 'string' && apiId !== '' ? { apiId } : {}),
      ...(typeof entityName === 'string' && entityName !== '' ? { entityName } : {}),
      ...(Object.keys(filters).length > 0 ? { pathFilters: filters } : {}),
      ...(typeof executionOrder === 'number' ? { executionOrder } : {}),
      ...(typeof id === 'string' ? { id } : {}),
    },
  ];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
