import { DEFAULTS, ENV } from './env.js';

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
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min = 0): number => {
    const given = text(name);
    if (given === undefined) return fallback;
    const value = Number(given);
    if (Number.isSafeInteger(value) && value >= min) return value;
    problems.push(`${name} must be a whole number ≥ ${min}`);
    return fallback;
  };
  const baseUrl = text(ENV.baseUrl)?.replace(/\/+$/, '');
  if (baseUrl !== undefined && !isHttpUrl(baseUrl)) problems.push(`${ENV.baseUrl} must be an http(s) URL`);
  const idempotencyTable = text(ENV.idempotencyTable);
  if (idempotencyTable !== undefined && !isDynamoDbTable(idempotencyTable)) {
    problems.push(`${ENV.idempotencyTable} must be a DynamoDB table name or ARN`);
  }
  return {
    baseUrl,
    appName: text(ENV.appName) ?? defaults.appName ?? DEFAULTS.appName,
    environment: text(ENV.environment) ?? DEFAULTS.environment,
    serviceUserId: text(ENV.serviceUserId),
    secretArn: text(ENV.serviceUserSecretArn),
    secretKey: text(ENV.serviceUserSecretKey),
    secretMaxAgeSeconds: integer(ENV.secretMaxAgeSeconds, DEFAULTS.secretMaxAgeSeconds),
    publicKey: text(ENV.publicKey),
    // Only the exact word `false` turns validation off (as in BioT's sample), so a typo fails safe.
    validateJwt: text(ENV.shouldValidateJwt)?.toLowerCase() !== 'false',
    notificationScope: text(ENV.notificationScope) ?? DEFAULTS.notificationScope,
    interceptionScope: text(ENV.interceptionScope) ?? DEFAULTS.interceptionScope,
    httpTimeoutMs: integer(ENV.httpTimeoutMs, DEFAULTS.httpTimeoutMs, 1),
    httpRetryLimit: integer(ENV.httpRetryLimit, DEFAULTS.httpRetryLimit),
    logLevel: text(ENV.logLevel) ?? DEFAULTS.logLevel,
    idempotencyTable,
    publicKeyMaxAgeSeconds: integer(ENV.publicKeyMaxAgeSeconds, DEFAULTS.publicKeyMaxAgeSeconds, 1),
    problems,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** DynamoDB's rule for table names (3–255 of A–Z a–z 0–9 _ . -), or a table's ARN, which its API also takes. */
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]{3,255}$/;

function isDynamoDbTable(value: string): boolean {
  return TABLE_NAME.test(value) || TABLE_ARN.test(value);
}
