import { DEFAULTS, ENV, EnvReader, readBiotSettings } from '@biot-plugin/core';

/** The runtime's settings, read once per container from the environment. */
export interface RuntimeConfig {
  baseUrl: string | undefined;
  appName: string;
  environment: string;
  serviceUserId: string | undefined;
  secretArn: string | undefined;
  secretKey: string | undefined;
  secretMaxAgeSeconds: number;
  publicKey: string | undefined;
  validateJwt: boolean;
  notificationScope: string;
  interceptionScope: string;
  httpTimeoutMs: number;
  httpRetryLimit: number;
  logLevel: string;
  /**
   * The DynamoDB table that shares the repeat check of notifications across containers; without
   * it each container checks on its own, in memory.
   */
  idempotencyTable: string | undefined;
  /** How long BioT's public key is trusted before it is fetched again. */
  publicKeyMaxAgeSeconds: number;
  /**
   * Settings that are set but unusable, each naming its variable: while there is one, every call
   * is answered 500 PLUGIN_MISCONFIGURED, instead of the plugin running on a silent default.
   */
  problems: readonly string[];
}

/**
 * `defaults.appName` is what BIOT_APP_NAME falls back to: the plugin's name when a plugin's
 * handler loads the configuration.
 */
export function loadConfig(env: NodeJS.ProcessEnv, defaults: { appName?: string } = {}): RuntimeConfig {
  const read = new EnvReader(env);
  const biot = readBiotSettings(read);
  const idempotencyTable = read.text(ENV.idempotencyTable);
  if (idempotencyTable !== undefined && !isDynamoDbTable(idempotencyTable)) {
    read.problems.push(`${ENV.idempotencyTable} must be a DynamoDB table name or ARN`);
  }
  return {
    baseUrl: biot.baseUrl,
    appName: read.text(ENV.appName) ?? defaults.appName ?? DEFAULTS.appName,
    environment: read.text(ENV.environment) ?? DEFAULTS.environment,
    serviceUserId: biot.serviceUserId,
    secretArn: read.text(ENV.serviceUserSecretArn),
    secretKey: read.text(ENV.serviceUserSecretKey),
    secretMaxAgeSeconds: read.integer(ENV.secretMaxAgeSeconds, DEFAULTS.secretMaxAgeSeconds),
    publicKey: read.text(ENV.publicKey),
    // Only the exact word `false` turns validation off (as in BioT's sample), so a typo fails safe.
    validateJwt: read.text(ENV.shouldValidateJwt)?.toLowerCase() !== 'false',
    notificationScope: read.text(ENV.notificationScope) ?? DEFAULTS.notificationScope,
    interceptionScope: read.text(ENV.interceptionScope) ?? DEFAULTS.interceptionScope,
    httpTimeoutMs: biot.httpTimeoutMs,
    httpRetryLimit: biot.httpRetryLimit,
    logLevel: read.text(ENV.logLevel) ?? DEFAULTS.logLevel,
    idempotencyTable,
    publicKeyMaxAgeSeconds: read.integer(ENV.publicKeyMaxAgeSeconds, DEFAULTS.publicKeyMaxAgeSeconds, 1),
    problems: read.problems,
  };
}

/** DynamoDB's rule for table names (3–255 of A–Z a–z 0–9 _ . -), or a table's ARN, which its API also takes. */
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]{3,255}$/;

function isDynamoDbTable(value: string): boolean {
  return TABLE_NAME.test(value) || TABLE_ARN.test(value);
}
