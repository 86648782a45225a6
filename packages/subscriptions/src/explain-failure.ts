import {
  BiotApiError,
  BiotTimeoutError,
  BiotUnreachableError,
  ConfigurationError,
  InvalidServiceSecretError,
  SecretUnavailableError,
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
  if (error instanceof SecretUnavailableError) return explainSecretFailure(error);
  if (error instanceof ServiceLoginError) {
    const check = error.rejectsKey
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

/**
 * Secrets Manager's own answer says what to fix (no such secret, access denied, no region); it is
 * an error of the AWS SDK and never holds the value, so it is shown, with the secret's id.
 */
function explainSecretFailure(error: SecretUnavailableError): string {
  const { secretId } = error.details;
  const cause = error.cause;
  // An unusable value: the message says what is wrong with it, never the value.
  if (
    typeof secretId !== 'string' ||
    !(cause instanceof Error) ||
    cause instanceof InvalidServiceSecretError
  ) {
    return error.message;
  }
  return `The service-user secret ${secretId} could not be read (${cause.name}: ${cause.message})`;
}
