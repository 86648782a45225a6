import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../errors.js';
import { NOTIFICATION_ACTIONS, NOTIFICATION_ENTITY_TYPES } from './notification-vocabulary.js';
import { oneOf, optionalString, requiredString } from './request-fields.js';

/** What identifies a notification subscription (BIOT-CONTRACT.md §8.4). */
export interface NotificationSubscriptionRequest {
  entityTypeName: string;
  actionName: string;
  endpoint: string;
  templateName?: string;
}

export interface NotificationSubscription extends NotificationSubscriptionRequest {
  id: string;
  creationTime: string;
  lastModifiedTime: string;
}

/** Validates a subscribe/unsubscribe body: 400 MISSING_PARAMETERS or INVALID_PARAMETERS. */
export function parseNotificationSubscriptionRequest(
  body: Record<string, unknown>,
): NotificationSubscriptionRequest {
  const entityTypeName = oneOf(
    'entityTypeName',
    requiredString(body, 'entityTypeName'),
    NOTIFICATION_ENTITY_TYPES,
  );
  const actionName = oneOf('actionName', requiredString(body, 'actionName'), NOTIFICATION_ACTIONS);
  const endpoint = requiredString(body, 'endpoint');
  const templateName = optionalString(body, 'templateName');
  return { entityTypeName, actionName, endpoint, ...(templateName === undefined ? {} : { templateName }) };
}

/** The dispatcher's notification subscriptions (BIOT-CONTRACT.md §8.4). */
export class NotificationSubscriptions {
  readonly #byIdentity = new Map<string, NotificationSubscription>();

  /** 409 when the same entity/action/endpoint/template is already subscribed. */
  subscribe(request: NotificationSubscriptionRequest): NotificationSubscription {
    const identity = identityOf(request);
    if (this.#byIdentity.has(identity)) {
      throw new ConflictError(
        'SUBSCRIBER_ALREADY_EXISTS',
        'This endpoint is already subscribed to this notification',
        {
          ...request,
        },
      );
    }
    const now = new Date().toISOString();
    const subscription = { ...request, id: randomUUID(), creationTime: now, lastModifiedTime: now };
    this.#byIdentity.set(identity, subscription);
    return { ...subscription };
  }

  unsubscribe(request: NotificationSubscriptionRequest): void {
    if (!this.#byIdentity.delete(identityOf(request))) {
      throw new NotFoundError('SUBSCRIBER_NOT_FOUND', 'No such notification subscription', { ...request });
    }
  }

  list(): NotificationSubscription[] {
    return [...this.#byIdentity.values()].map((subscription) => ({ ...subscription }));
  }

  clear(): void {
    this.#byIdentity.clear();
  }
}

function identityOf(request: NotificationSubscriptionRequest): string {
  return JSON.stringify([
    request.entityTypeName,
    request.actionName,
    request.endpoint,
    request.templateName ?? null,
  ]);
}
