/**
 * The runtime's environment-variable contract, in one place: the runtime reads these names,
 * the CDK construct sets them, and the README documents them. Names follow BioT's sample
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
