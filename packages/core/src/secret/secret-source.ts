import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretUnavailableError } from '../errors.js';
import { getSecretValue, staticCredentials } from './get-secret-value.js';
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
  /**
   * An SDK client to read with. @default a signed request of our own when the environment holds
   * static credentials (Lambda), else the SDK's default client (profiles, SSO), created on first read
   */
  client?: () => Promise<SecretsManagerClient>;
  /** Credentials, region and endpoint. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Per attempt of the signed read (the SDK's client has its own). @default 3000 */
  timeoutMs?: number;
  now?: () => number;
}

/**
 * BIOT_SERVICE_USER_SECRET_ARN: AWSCURRENT of the secret, read from Secrets Manager and cached for
 * `maxAgeSeconds`, so a rotated secret is picked up without a redeploy. If Secrets Manager fails
 * on a routine refresh the last good value is kept (stale-if-error): an AWS hiccup must not stop
 * the plugin. Every failure is a SecretUnavailableError (503); the stack's placeholder is one too,
 * recognisable by its `placeholder` flag.
 *
 * In Lambda the read is one signed request of our own (`get-secret-value.ts`): the SDK's client
 * costs ≈ 160 ms of CPU to import and build, inside the first BioT call a cold container answers.
 * Elsewhere (ops on a developer's machine, with profiles or SSO) the SDK's client reads it, since
 * only it knows the whole credential chain; it is imported on first use there. Powertools
 * Parameters is not used: it imports the client statically, which an ESM bundle hoists to module
 * load, so every cold start would pay for the SDK.
 */
export function secretsManagerSecretSource(
  secretId: string,
  options: SecretsManagerSecretSourceOptions,
): SecretSource {
  const now = options.now ?? Date.now;
  let cached: { secret: ServiceSecret; fetchedAt: number } | undefined;
  const env = options.env ?? process.env;
  let client: Promise<SecretsManagerClient> | undefined;
  const readCurrent = async (): Promise<string | undefined> => {
    const credentials = options.client ? undefined : staticCredentials(env);
    if (credentials) {
      return getSecretValue(
        { SecretId: secretId, VersionStage: 'AWSCURRENT' },
        { env, credentials, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) },
      );
    }
    client ??= (options.client ?? defaultSecretsManagerClient)();
    return readSecretValue(await client, secretId, { stage: 'AWSCURRENT' });
  };
  // A read in flight is shared: the session's early read on a cold start and its login's.
  let pending: Promise<ServiceSecret> | undefined;
  const fetchFresh = async (forceFetch: boolean): Promise<ServiceSecret> => {
    let raw: string | undefined;
    try {
      raw = await readCurrent();
    } catch (error) {
      if (cached && !forceFetch) return cached.secret;
      throw new SecretUnavailableError(unavailableReason(error), { secretId }, { cause: error });
    }
    if (raw === undefined) throw new SecretUnavailableError('the secret has no value', { secretId });
    cached = { secret: parse(raw, secretId), fetchedAt: now() };
    return cached.secret;
  };
  return {
    read({ forceFetch }) {
      if (!forceFetch && cached && now() - cached.fetchedAt < options.maxAgeSeconds * 1000) {
        return Promise.resolve(cached.secret);
      }
      if (forceFetch) return fetchFresh(true);
      pending ??= fetchFresh(false).finally(() => {
        pending = undefined;
      });
      return pending;
    },
  };
}

const DENIED =
  "Secrets Manager denied the read: the function's role needs secretsmanager:GetSecretValue on the secret, and kms:Decrypt on its key";
const CREDENTIALS_REFUSED = "Secrets Manager refused the function's credentials";
const THROTTLED = 'Secrets Manager throttled the read';

/**
 * What Secrets Manager's refusals mean for the operator, by AWS's error type (the same for the
 * SDK's errors and ours; moto's authorisation errors use the IAM-style names). The type is added
 * in brackets. AWS's own message is never used: it names the role and the secret.
 */
const REFUSALS: Record<string, string> = {
  AccessDeniedException: DENIED,
  AccessDenied: DENIED,
  ResourceNotFoundException: 'Secrets Manager has no such secret: check BIOT_SERVICE_USER_SECRET_ARN',
  ThrottlingException: THROTTLED,
  TooManyRequestsException: THROTTLED,
  RequestLimitExceeded: THROTTLED,
  DecryptionFailure: "the secret's KMS key could not decrypt it",
  InvalidRequestException: 'Secrets Manager refused the read: the secret may be scheduled for deletion',
  UnrecognizedClientException: CREDENTIALS_REFUSED,
  InvalidClientTokenId: CREDENTIALS_REFUSED,
  InvalidSignatureException: CREDENTIALS_REFUSED,
  SignatureDoesNotMatch: CREDENTIALS_REFUSED,
  ExpiredTokenException: CREDENTIALS_REFUSED,
  InternalServiceError: 'Secrets Manager failed',
  TimeoutError: 'Secrets Manager did not answer in time',
  NetworkError: 'Secrets Manager could not be reached',
  MissingRegion: 'no AWS region is set (AWS_REGION) and the secret id is not an ARN',
};

/** Types that explain themselves in the reason, without the type in brackets. */
const SELF_EXPLAINED = new Set(['TimeoutError', 'NetworkError', 'MissingRegion']);

function unavailableReason(error: unknown): string {
  const type =
    error instanceof Error && /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(error.name) ? error.name : undefined;
  const known = type !== undefined && Object.hasOwn(REFUSALS, type) ? REFUSALS[type] : undefined;
  if (known !== undefined) return SELF_EXPLAINED.has(type ?? '') ? known : `${known} (${type})`;
  return `Secrets Manager could not be read${type && type !== 'Error' ? ` (${type})` : ''}`;
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
