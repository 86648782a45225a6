import {
  GetSecretValueCommand,
  type GetSecretValueCommandOutput,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  InvalidServiceSecretError,
  PLACEHOLDER_KEY_ID,
  parseServiceSecret,
  type ServiceSecret,
} from '@biot-plugin/core';
import { ServiceSecretError } from './errors.js';

/** Reads the secret's current raw value (`{"keyId","secretKey"}` or a plain key). */
export type ReadServiceSecret = () => Promise<string>;

/**
 * `placeholder`: the stack created the secret and ops have not put the key in yet (README,
 * Deploy step 4). Registration cannot log in then, and says so rather than failing the stack.
 */
export type ServiceSecretState =
  | { readonly kind: 'set'; readonly secret: ServiceSecret }
  | { readonly kind: 'placeholder' };

export function interpretServiceSecret(raw: string): ServiceSecretState {
  if (holdsPlaceholder(raw)) return { kind: 'placeholder' };
  try {
    return { kind: 'set', secret: parseServiceSecret(raw) };
  } catch (error) {
    if (error instanceof InvalidServiceSecretError) {
      throw new ServiceSecretError(`The service-user secret is unusable: ${error.message}`);
    }
    throw error;
  }
}

/**
 * GetSecretValue with the SDK the Lambda runtime provides (never bundled). The client honours
 * AWS_ENDPOINT_URL_SECRETS_MANAGER, which is how the tests point it at moto.
 */
export function secretsManagerSecretReader(
  secretId: string,
  client: SecretsManagerClient = new SecretsManagerClient({}),
): ReadServiceSecret {
  return async () => {
    let answer: GetSecretValueCommandOutput;
    try {
      // AWSCURRENT named explicitly: the value the plugin itself logs in with.
      answer = await client.send(
        new GetSecretValueCommand({ SecretId: secretId, VersionStage: 'AWSCURRENT' }),
      );
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new ServiceSecretError(`The service-user secret ${secretId} could not be read (${reason})`, {
        cause: error,
      });
    }
    const raw =
      answer.SecretString ??
      (answer.SecretBinary ? new TextDecoder().decode(answer.SecretBinary) : undefined);
    if (raw === undefined) throw new ServiceSecretError(`The service-user secret ${secretId} has no value`);
    return raw;
  };
}

function holdsPlaceholder(raw: string): boolean {
  try {
    return (JSON.parse(raw) as { keyId?: unknown } | null)?.keyId === PLACEHOLDER_KEY_ID;
  } catch {
    return false;
  }
}
