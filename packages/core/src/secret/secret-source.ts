import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretUnavailableError } from '../errors.js';
import { InvalidServiceSecretError, parseServiceSecret, type ServiceSecret } from './service-secret.js';

/** Where the service-user secret comes from. */
export interface SecretSource {
  /** `forceFetch` skips every cache: used after BioT rejected the cached secret. */
  read(options: { forceFetch: boolean }): Promise<ServiceSecret>;
}

/**
 * BIOT_SERVICE_USER_SECRET_KEY: local runs, and BioT-hosted plugins where BioT injects it. Parsed
 * on first read, so an unusable value is a 503 of the call that needs it, not a failed cold start.
 */
export function environmentSecretSource(value: string): SecretSource {
  let secret: ServiceSecret | undefined;
  return {
    read: async () => {
      secret ??= parse(value);
      return secret;
    },
  };
}

/** Which version of a secret: a staging label, a version id, or both. */
export type SecretVersion = { stage: string; versionId?: string } | { versionId: string };

/**
 * GetSecretValue of one version: the one read of Secrets Manager in the repository (the plugin
 * runtime, the subscriptions custom resource, the rotation Lambda and ops). `undefined` when the
 * version holds no value. Errors are the SDK's.
 *
 * The version is always named: a read without one means AWSCURRENT in AWS, but moto answers it
 * with the version that was current before the last stage move, and being explicit costs nothing.
 * The SDK module (provided by the Lambda runtime, never bundled) is imported on first use, so a
 * plugin whose secret comes from the environment never loads it.
 */
export async function readSecretValue(
  client: SecretsManagerClient,
  secretId: string,
  version: SecretVersion,
): Promise<string | undefined> {
  const { GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const answer = await client.send(
    new GetSecretValueCommand({
      SecretId: secretId,
      ...('stage' in version ? { VersionStage: version.stage } : {}),
      ...(version.versionId ? { VersionId: version.versionId } : {}),
    }),
  );
  return (
    answer.SecretString ?? (answer.SecretBinary ? new TextDecoder().decode(answer.SecretBinary) : undefined)
  );
}

/** The SDK's default Secrets Manager client (it honours AWS_ENDPOINT_URL_SECRETS_MANAGER), created on first use. */
export async function defaultSecretsManagerClient(): Promise<SecretsManagerClient> {
  const { SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  return new SecretsManagerClient({});
}

export interface SecretsManagerSecretSourceOptions {
  /** How long a value read is used before Secrets Manager is asked again. */
  maxAgeSeconds: number;
  /** @default the SDK's default client, created on first read */
  client?: () => Promise<SecretsManagerClient>;
  now?: () => number;
}

/**
 * BIOT_SERVICE_USER_SECRET_ARN: AWSCURRENT of the secret, read from Secrets Manager and cached for
 * `maxAgeSeconds`, so a rotated secret is picked up without a redeploy. If Secrets Manager fails
 * on a routine refresh the last good value is kept (stale-if-error): an AWS hiccup must not stop
 * the plugin. Every failure is a SecretUnavailableError (503); the stack's placeholder is one too,
 * recognisable by its `placeholder` flag.
 *
 * Why not Powertools Parameters: it imports the Secrets Manager client statically, and in a
 * single-file ESM bundle that import is hoisted to module load, so every cold start would pay
 * for the AWS SDK even when the secret comes from the environment. Here the SDK is imported on
 * first use.
 */
export function secretsManagerSecretSource(
  secretId: string,
  options: SecretsManagerSecretSourceOptions,
): SecretSource {
  const now = options.now ?? Date.now;
  let cached: { secret: ServiceSecret; fetchedAt: number } | undefined;
  let client: Promise<SecretsManagerClient> | undefined;
  return {
    async read({ forceFetch }) {
      if (!forceFetch && cached && now() - cached.fetchedAt < options.maxAgeSeconds * 1000) {
        return cached.secret;
      }
      let raw: string | undefined;
      try {
        client ??= (options.client ?? defaultSecretsManagerClient)();
        raw = await readSecretValue(await client, secretId, { stage: 'AWSCURRENT' });
      } catch (error) {
        if (cached && !forceFetch) return cached.secret;
        throw new SecretUnavailableError('Secrets Manager could not be read', { secretId }, { cause: error });
      }
      if (raw === undefined) throw new SecretUnavailableError('the secret has no value', { secretId });
      cached = { secret: parse(raw, secretId), fetchedAt: now() };
      return cached.secret;
    },
  };
}

function parse(raw: string, secretId?: string): ServiceSecret {
  try {
    return parseServiceSecret(raw);
  } catch (error) {
    if (error instanceof InvalidServiceSecretError) {
      throw new SecretUnavailableError(error.message, secretId === undefined ? {} : { secretId }, {
        cause: error,
      });
    }
    throw error;
  }
}
