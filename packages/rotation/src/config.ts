import { ENV, EnvReader, readBiotSettings } from '@biot-plugin/core';
import { UmsClient } from './biot/ums-client.js';
import { RotationConfigurationError } from './errors.js';

/**
 * The rotation function's environment. The names are the runtime's (one contract for both
 * functions); the CDK stack sets the same values on both.
 */
export const ROTATION_ENV = {
  /** Required: BioT's API, e.g. `https://api.example.biot-med.com`. */
  baseUrl: ENV.baseUrl,
  /** Required: the plugin's service user, whose keys are rotated. */
  serviceUserId: ENV.serviceUserId,
  /** Optional: upper bound of one BioT call in ms (default 5,000). */
  httpTimeoutMs: ENV.httpTimeoutMs,
  /** Optional: retries of safe BioT calls on 429/5xx (default 2). */
  httpRetryLimit: ENV.httpRetryLimit,
  /** Optional: Powertools log level (default INFO). */
  logLevel: ENV.logLevel,
  /**
   * Optional, together: the service user the rotation logs in as to create, list and delete the
   * rotated user's keys (the plugin's operations user), and the secret holding its key. Unset, the
   * rotation logs in as the rotated user itself, with its AWSCURRENT key.
   */
  operationsUserId: ENV.operationsUserId,
  operationsSecretArn: ENV.operationsSecretArn,
} as const;

/** Who the rotation acts for in BioT. */
export interface BiotTarget {
  ums: UmsClient;
  serviceUserId: string;
  /** Who mints and deletes the keys, when not the rotated user itself. */
  operator?: { serviceUserId: string; secretArn: string };
}

/**
 * The BioT side from the environment, read as the plugin runtime reads it, or the error every
 * step will fail with (and record): a variable that is missing, or set but unusable.
 */
export function biotTargetFromEnv(env: NodeJS.ProcessEnv): BiotTarget | RotationConfigurationError {
  const read = new EnvReader(env);
  const { baseUrl, serviceUserId, httpTimeoutMs, httpRetryLimit } = readBiotSettings(read);
  const missing = [
    ...(baseUrl ? [] : [ROTATION_ENV.baseUrl]),
    ...(serviceUserId ? [] : [ROTATION_ENV.serviceUserId]),
  ];
  if (missing.length > 0) {
    return new RotationConfigurationError(`The rotation function misses ${missing.join(' and ')}`);
  }
  if (read.problems.length > 0 || !baseUrl || !serviceUserId) {
    return new RotationConfigurationError(
      `The rotation function is misconfigured: ${read.problems.join('; ')}`,
    );
  }
  const operatorId = read.text(ROTATION_ENV.operationsUserId);
  const operatorSecretArn = read.text(ROTATION_ENV.operationsSecretArn);
  if ((operatorId === undefined) !== (operatorSecretArn === undefined)) {
    return new RotationConfigurationError(
      `The rotation function needs both ${ROTATION_ENV.operationsUserId} and ${ROTATION_ENV.operationsSecretArn}, or neither`,
    );
  }
  return {
    serviceUserId,
    ...(operatorId && operatorSecretArn
      ? { operator: { serviceUserId: operatorId, secretArn: operatorSecretArn } }
      : {}),
    ums: new UmsClient({ baseUrl, timeoutMs: httpTimeoutMs, retryLimit: httpRetryLimit }),
  };
}
