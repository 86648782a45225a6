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

type SecretsManagerModule = typeof import('@aws-sdk/client-secrets-manager');

/**
 * BIOT_SERVICE_USER_SECRET_ARN: read from Secrets Manager and cached for `maxAgeSeconds`, so a
 * rotated secret is picked up without a redeploy. If Secrets Manager fails on a routine refresh
 * the last good value is kept (stale-if-error): an AWS hiccup must not stop the plugin.
 *
 * Why not Powertools Parameters: it imports the Secrets Manager client statically, and in a
 * single-file ESM bundle that import is hoisted to module load, so every cold start would pay
 * for the AWS SDK even when the secret comes from the environment. Here the SDK (provided by the
 * Lambda runtime, never bundled) is imported on first use.
 */
export function secretsManagerSecretSource(
  secretId: string,
  maxAgeSeconds: number,
  now: () => number = Date.now,
): SecretSource {
  let cached: { secret: ServiceSecret; fetchedAt: number } | undefined;
  let client: Promise<{
    sdk: SecretsManagerModule;
    client: InstanceType<SecretsManagerModule['SecretsManagerClient']>;
  }>;
  const load = () => {
    client ??= import('@aws-sdk/client-secrets-manager').then((sdk) => ({
      sdk,
      client: new sdk.SecretsManagerClient({}),
    }));
    return client;
  };
  return {
    async read({ forceFetch }) {
      if (!forceFetch && cached && now() - cached.fetchedAt < maxAgeSeconds * 1000) return cached.secret;
      let raw: string | undefined;
      try {
        const { sdk, client: secretsManager } = await load();
        // AWSCURRENT named explicitly: the default, but some Secrets Manager emulators (moto) get
        // the default wrong right after a rotation moved the stage.
        const answer = await secretsManager.send(
          new sdk.GetSecretValueCommand({ SecretId: secretId, VersionStage: 'AWSCURRENT' }),
        );
        raw =
          answer.SecretString ??
          (answer.SecretBinary ? new TextDecoder().decode(answer.SecretBinary) : undefined);
      } catch (error) {
        if (cached && !forceFetch) return cached.secret;
        throw new SecretUnavailableError('Secrets Manager could not be read', { cause: error });
      }
      if (raw === undefined) throw new SecretUnavailableError('the secret has no value');
      cached = { secret: parse(raw), fetchedAt: now() };
      return cached.secret;
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
