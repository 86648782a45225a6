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
}

export function loadConfig(env: NodeJS.ProcessEnv): RuntimeConfig {
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const integer = (name: string, fallback: number): number => {
    const value = Number(text(name));
    return Number.isInteger(value) && value >= 0 ? value : fallback;
  };
  return {
    baseUrl: text(ENV.baseUrl)?.replace(/\/+$/, ''),
    appName: text(ENV.appName) ?? DEFAULTS.appName,
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
    httpTimeoutMs: integer(ENV.httpTimeoutMs, DEFAULTS.httpTimeoutMs) || DEFAULTS.httpTimeoutMs,
    httpRetryLimit: integer(ENV.httpRetryLimit, DEFAULTS.httpRetryLimit),
    logLevel: text(ENV.logLevel) ?? DEFAULTS.logLevel,
  };
}
