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
