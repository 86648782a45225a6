import { jsonObjectBody } from '../http/json-body.js';
import type { Router } from '../http/router.js';
import { parseSearchRequest, search } from '../search/search-request.js';
import type { ServiceTokenGuard } from '../ums/service-token-guard.js';
import {
  type InterceptionSubscriptions,
  parseExecutionOrder,
  parseInterceptionSubscriptionRequest,
} from './interception-subscriptions.js';
import {
  type NotificationSubscriptions,
  parseNotificationSubscriptionRequest,
} from './notification-subscriptions.js';

export interface DispatcherServices {
  notifications: NotificationSubscriptions;
  interceptions: InterceptionSubscriptions;
  guard: ServiceTokenGuard;
}

/** The Dispatcher's subscription APIs, used to register a self-hosted plugin (BIOT-CONTRACT.md §8.4). */
export function addDispatcherRoutes(
  router: Router,
  { notifications, interceptions, guard }: DispatcherServices,
): void {
  router
    .add('POST', '/dispatcher/v1/hooks/notifications/subscribe', (context) => {
      guard.require(context);
      const request = parseNotificationSubscriptionRequest(jsonObjectBody(context));
      return { status: 201, body: notifications.subscribe(request) };
    })
    .add('POST', '/dispatcher/v1/hooks/notifications/unsubscribe', (context) => {
      guard.require(context);
      notifications.unsubscribe(parseNotificationSubscriptionRequest(jsonObjectBody(context)));
      return { status: 204 };
    })
    .add('GET', '/dispatcher/v1/hooks/notifications', (context) => {
      guard.require(context);
      return { status: 200, body: search(notifications.list(), parseSearchRequest(context.query)) };
    })
    .add('POST', '/dispatcher/v1/hooks/interceptions/subscribe', (context) => {
      guard.require(context);
      const body = jsonObjectBody(context);
      const request = parseInterceptionSubscriptionRequest(body);
      // Re-subscribing overrides the order and still answers 201: the OAS documents only 201, so a
      // client written against BioT treats anything else as a failure.
      const { subscription } = interceptions.subscribe(request, parseExecutionOrder(body.executionOrder));
      return { status: 201, body: subscription };
    })
    .add('POST', '/dispatcher/v1/hooks/interceptions/unsubscribe', (context) => {
      guard.require(context);
      interceptions.unsubscribe(parseInterceptionSubscriptionRequest(jsonObjectBody(context)));
      return { status: 204 };
    })
    .add('GET', '/dispatcher/v1/hooks/interceptions', (context) => {
      guard.require(context);
      return { status: 200, body: search(interceptions.list(), parseSearchRequest(context.query)) };
    });
}
