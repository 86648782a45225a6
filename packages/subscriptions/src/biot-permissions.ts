import { DISPATCHER_ROUTES } from './biot-dispatcher.js';

/**
 * The BioT permission each dispatcher call needs, as the OAS names it (BIOT-CONTRACT.md §8.4). The
 * contract names none for unsubscribing and listing notifications; those calls say so when BioT
 * refuses them. The README's permission list is this table.
 */
export const DISPATCHER_PERMISSIONS: Readonly<Record<string, string | undefined>> = {
  [`POST ${DISPATCHER_ROUTES.subscribeNotification}`]: 'DISPATCHER_SUBSCRIPTIONS_SUBSCRIBE',
  [`POST ${DISPATCHER_ROUTES.unsubscribeNotification}`]: undefined,
  [`GET ${DISPATCHER_ROUTES.notifications}`]: undefined,
  [`POST ${DISPATCHER_ROUTES.subscribeInterception}`]: 'HOOKS_INTERCEPTION_CREATE',
  [`POST ${DISPATCHER_ROUTES.unsubscribeInterception}`]: 'HOOKS_INTERCEPTION_DELETE',
  [`GET ${DISPATCHER_ROUTES.interceptions}`]: 'HOOKS_INTERCEPTION_SEARCH',
};

/** What to tell an operator whose service user BioT refused for `route` (`POST /dispatcher/...`). */
export function permissionHint(route: string): string {
  if (!Object.hasOwn(DISPATCHER_PERMISSIONS, route)) return '';
  const permission = DISPATCHER_PERMISSIONS[route];
  return permission
    ? `; the service user's role needs the BioT permission ${permission}`
    : "; the service user's role needs BioT's permission for this dispatcher call (see the subscriptions README)";
}
