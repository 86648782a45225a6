import { DEFAULTS, ENV } from '@biot-plugin/core';
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
} as const;

/** Who the rotation acts for in BioT. */
export interface BiotTarget {
  ums: UmsClient;
  serviceUserId: string;
}

/** The BioT side from the environment, or the error every step will fail with (and record). */
export function biotTargetFromEnv(env: NodeJS.ProcessEnv): BiotTarget | RotationConfigurationError {
  const text = (name: string) => env[name]?.trim() || undefined;
  const baseUrl = text(ROTATION_ENV.baseUrl);
  const serviceUserId = text(ROTATION_ENV.serviceUserId);
  const missing = [
    ...(baseUrl ? [] : [ROTATION_ENV.baseUrl]),
    ...(serviceUserId ? [] : [ROTATION_ENV.serviceUserId]),
  ];
  if (!baseUrl || !serviceUserId) {
    return new RotationConfigurationError(`The rotation function misses ${missing.join(' and ')}`);
  }
  const integer = (name: string, fallback: number) => {
    const value = Number(text(name));
    return Number.isInteger(value) && value >= 0 ? value : fallback;
  };
  return {
    serviceUserId,
    ums: new UmsClient({
      baseUrl,
      timeoutMs: integer(ROTATION_ENV.httpTimeoutMs, DEFAULTS.httpTimeoutMs) || DEFAULTS.httpTimeoutMs,
      retryLimit: integer(ROTATION_ENV.httpRetryLimit, DEFAULTS.httpRetryLimit),
    }),
  };
}
