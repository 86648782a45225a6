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
    publicKeyMaxAgeSeconds: read.integer(ENV.publicKeyMaxAgeSeconds, DEFAULTS.publicKeyMaxAgeSeconds, 1),
    problems: read.problems,
  };
}
