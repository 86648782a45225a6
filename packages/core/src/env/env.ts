/**
 * The environment-variable contract of every BioT-calling function (the plugin runtime, the
 * rotation Lambda, the subscriptions custom resource), in one place: they read these names, the
 * CDK constructs set them, and the READMEs document them. Names follow BioT's sample
 * (BIOT-CONTRACT.md §8.3) where BioT defines them, so a BioT-hosted deployment works unchanged.
 */
export const ENV = {
  baseUrl: 'BIOT_BASE_URL',
  appName: 'BIOT_APP_NAME',
  environment: 'BIOT_SERVICE_ENVIRONMENT',
  serviceUserId: 'BIOT_SERVICE_USER_ID',
  serviceUserSecretArn: 'BIOT_SERVICE_USER_SECRET_ARN',
  serviceUserSecretKey: 'BIOT_SERVICE_USER_SECRET_KEY',
  secretMaxAgeSeconds: 'BIOT_SECRET_MAX_AGE_SECONDS',
  publicKey: 'BIOT_PUBLIC_KEY',
  publicKeyMaxAgeSeconds: 'BIOT_PUBLIC_KEY_MAX_AGE_SECONDS',
  shouldValidateJwt: 'BIOT_SHOULD_VALIDATE_JWT',
  notificationScope: 'BIOT_JWT_PERMISSION_NOTIFICATION',
  interceptionScope: 'BIOT_JWT_PERMISSION_INTERCEPTION',
  httpTimeoutMs: 'BIOT_HTTP_TIMEOUT_MS',
  httpRetryLimit: 'BIOT_HTTP_RETRY_LIMIT',
  idempotencyTable: 'BIOT_IDEMPOTENCY_TABLE',
  /**
   * The operations service user the rotation Lambda logs in as to mint and delete the rotated
   * user's keys, and the secret holding its key (set together, on the rotation Lambda only).
   */
  operationsUserId: 'BIOT_OPERATIONS_USER_ID',
  operationsSecretArn: 'BIOT_OPERATIONS_SECRET_ARN',
  logLevel: 'POWERTOOLS_LOG_LEVEL',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

/** Defaults applied when a variable is unset (the README's table states them too). */
export const DEFAULTS = {
  appName: 'biot-plugin',
  environment: 'Not specified',
  secretMaxAgeSeconds: 300,
  notificationScope: 'ACTION_NOTIFICATION',
  interceptionScope: 'PLUGIN_INTERCEPTOR',
  httpTimeoutMs: 5_000,
  httpRetryLimit: 2,
  publicKeyMaxAgeSeconds: 3_600,
  logLevel: 'INFO',
} as const;

/**
 * Reads settings from an environment the same way in every Lambda of the repository: values are
 * trimmed, an empty one is unset, and a value that is set but unusable is collected in
 * `problems` (each naming its variable) instead of silently replaced by the default.
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  text(name: EnvName | string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  /** A whole number ≥ `min`, or `fallback` when unset. */
  integer(name: EnvName, fallback: number, min = 0): number {
    const given = this.text(name);
    if (given === undefined) return fallback;
    const value = Number(given);
    if (Number.isSafeInteger(value) && value >= min) return value;
    this.problems.push(`${name} must be a whole number ≥ ${min}`);
    return fallback;
  }
}

/** Where BioT is and how to call it: what every function that calls BioT reads first. */
export interface BiotSettings {
  /** BIOT_BASE_URL without trailing slashes; undefined when unset. */
  baseUrl: string | undefined;
  serviceUserId: string | undefined;
  httpTimeoutMs: number;
  httpRetryLimit: number;
}

export function readBiotSettings(read: EnvReader): BiotSettings {
  const baseUrl = read.text(ENV.baseUrl)?.replace(/\/+$/, '');
  if (baseUrl !== undefined && !isHttpUrl(baseUrl))
    read.problems.push(`${ENV.baseUrl} must be an http(s) URL`);
  return {
    baseUrl,
    serviceUserId: read.text(ENV.serviceUserId),
    httpTimeoutMs: read.integer(ENV.httpTimeoutMs, DEFAULTS.httpTimeoutMs, 1),
    httpRetryLimit: read.integer(ENV.httpRetryLimit, DEFAULTS.httpRetryLimit),
  };
}

/** An absolute http(s) URL: what BIOT_BASE_URL and a Function URL must be. */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
