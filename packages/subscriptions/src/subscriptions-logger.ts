/**
 * Where the package writes what it did. Powertools' Logger fits it (the Lambda uses one); tests
 * pass a recorder. Callers pass subscriptions, routes and outcomes: never a token or a secret.
 */
export interface SubscriptionsLogger {
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
}

export const silentLogger: SubscriptionsLogger = { info: () => {}, warn: () => {}, error: () => {} };
