import {
  BiotApiError,
  BiotTimeoutError,
  BiotUnreachableError,
  ConfigurationError,
  ServiceLoginError,
} from '@biot-plugin/core';
import { permissionHint } from './biot-permissions.js';
import { SubscriptionsError } from './errors.js';

/**
 * One line for CloudFormation's event list or a terminal: what failed, and what to check. Built
 * from the typed errors only, never from an upstream body, so it cannot carry a token or secret.
 */
export function explainFailure(error: unknown, biotBaseUrl: string): string {
  if (error instanceof SubscriptionsError || error instanceof ConfigurationError) return error.message;
  if (error instanceof ServiceLoginError) {
    const status = error.details.upstreamStatus;
    const check =
      status === 401 || status === 403
        ? 'check the service user id and the key in its secret (pnpm ops secret-set)'
        : `BioT at ${biotBaseUrl} may be failing`;
    return `${error.message}: ${check}`;
  }
  if (error instanceof BiotApiError) {
    const refused = error.upstreamStatus === 401 || error.upstreamStatus === 403;
    return `${error.message}${refused ? permissionHint(error.route) : ''}`;
  }
  if (error instanceof BiotTimeoutError || error instanceof BiotUnreachableError) {
    return `${error.message} (BioT at ${biotBaseUrl})`;
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
