import { SecretUnavailableError } from '../errors.js';
import { InvalidServiceSecretError, parseServiceSecret, type ServiceSecret } from './service-secret.js';

/** Where the service-user secret comes from. */
export interface SecretSource {
  /** `forceFetch` skips every cache: used after BioT rejected the cached secret. */
  read(options: { forceFetch: boolean }): Promise<ServiceSecret>;
}

/** BIOT_SERVICE_USER_SECRET_KEY: local runs, and BioT-hosted plugins where BioT injects it. */
export function environmentSecretSource(value: string): SecretSource {
  const secret = parse(value);
  return { read: async () => secret };
}

/**
 * BIOT_SERVICE_USER_SECRET_ARN, through Powertools Parameters: cached for `maxAgeSeconds`, so a
 * rotated secret is picked up without a redeploy. If Secrets Manager fails on a routine refresh,
 * the last good value is kept (stale-if-error): an AWS hiccup must not stop the plugin.
 */
export function secretsManagerSecretSource(secretId: string, maxAgeSeconds: number): SecretSource {
  let lastGood: ServiceSecret | undefined;
  // Imported on first use: the Secrets Manager client costs cold-start time that a plugin
  // whose hooks never call BioT should not pay.
  let getSecret: typeof import('@aws-lambda-powertools/parameters/secrets').getSecret | undefined;
  return {
    async read({ forceFetch }) {
      let raw: string | Uint8Array | undefined;
      try {
        getSecret ??= (await import('@aws-lambda-powertools/parameters/secrets')).getSecret;
        raw = await getSecret(secretId, { maxAge: maxAgeSeconds, forceFetch });
      } catch (error) {
        if (lastGood && !forceFetch) return lastGood;
        throw new SecretUnavailableError('Secrets Manager could not be read', { cause: error });
      }
      if (raw === undefined) throw new SecretUnavailableError('the secret has no value');
      lastGood = parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw));
      return lastGood;
    },
  };
}

function parse(raw: string): ServiceSecret {
  try {
    return parseServiceSecret(raw);
  } catch (error) {
    if (error instanceof InvalidServiceSecretError) throw new SecretUnavailableError(error.message);
    throw error;
  }
}
