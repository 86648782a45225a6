import { type BiotEmulator, startBiotEmulator } from '@biot-plugin/biot-emulator';
import type { BiotDispatcher } from '../../src/biot-dispatcher.js';
import { openDispatcher } from '../../src/biot-session.js';
import type { SubscriptionsLogger } from '../../src/subscriptions-logger.js';

export const SERVICE_USER = { id: 'plugin-service-user', secretKey: 'plugin-secret-key-do-not-log-1234' };
export const SECRET_JSON = JSON.stringify({ keyId: 'key-1', secretKey: SERVICE_USER.secretKey });
export const PLACEHOLDER_JSON = JSON.stringify({
  keyId: 'NOT_SET',
  secretKey: 'generated-by-cloudformation',
});

export function startBiot(): Promise<BiotEmulator> {
  return startBiotEmulator({ serviceUsers: [SERVICE_USER], seed: false });
}

/** A dispatcher logged in as the plugin's service user, to arrange and inspect BioT in tests. */
export function dispatcherFor(biot: BiotEmulator): Promise<BiotDispatcher> {
  return openDispatcher({ baseUrl: biot.url, serviceUserId: SERVICE_USER.id }, SERVICE_USER.secretKey, {
    deadline: Date.now() + 5_000,
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  });
}

export const inFiveSeconds = () => ({
  deadline: Date.now() + 5_000,
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
});

/** Notifications as BioT holds them, reduced to what identifies them, sorted for comparison. */
export function notificationsIn(biot: BiotEmulator, endpoint: string): string[] {
  return biot.subscriptions.notifications
    .filter((subscription) => subscription.endpoint === endpoint)
    .map((s) => [s.entityTypeName, s.actionName, s.templateName].filter(Boolean).join(' '))
    .sort();
}

/** Interceptions as BioT holds them, with their order, sorted for comparison. */
export function interceptionsIn(biot: BiotEmulator, endpoint: string): string[] {
  return biot.subscriptions.interceptions
    .filter((subscription) => subscription.endpoint === endpoint)
    .map((s) => {
      const filters = Object.entries(s.pathFilters)
        .map(([key, value]) => `${key}=${value}`)
        .join(',');
      return `${s.type} ${s.apiId ?? s.entityName}${filters ? ` {${filters}}` : ''} @${s.executionOrder}`;
    })
    .sort();
}

/** BioT requests to dispatcher routes that change something. */
export function dispatcherChanges(biot: BiotEmulator): string[] {
  return biot.requests
    .filter((request) => request.method === 'POST' && request.route.startsWith('POST /dispatcher/'))
    .map((request) => `${request.route} ${request.status}`);
}

/** Every line logged, as JSON, to look for what must never be there. */
export function recordingLogger(): SubscriptionsLogger & { readonly lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, attributes?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, ...attributes }));
  };
  return { lines, info: record('INFO'), warn: record('WARN'), error: record('ERROR') };
}
