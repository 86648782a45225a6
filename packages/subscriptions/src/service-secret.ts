import { type SecretSource, SecretUnavailableError, type ServiceSecret } from '@biot-plugin/core';

/**
 * `placeholder`: the stack created the secret and ops have not put the key in yet (README,
 * Deploy step 4). Registration cannot log in then, and says so rather than failing the stack.
 */
export type ServiceSecretState =
  | { readonly kind: 'set'; readonly secret: ServiceSecret }
  | { readonly kind: 'placeholder' };

/**
 * The secret as it is now, read with the BioT core's reader (AWSCURRENT, the value the plugin
 * itself logs in with) past any cache: registration runs a few times per deploy. The core tells
 * the placeholder apart; every other failure is its SecretUnavailableError.
 */
export async function readServiceSecret(secrets: SecretSource): Promise<ServiceSecretState> {
  try {
    return { kind: 'set', secret: await secrets.read({ forceFetch: true }) };
  } catch (error) {
    if (error instanceof SecretUnavailableError && error.placeholder) return { kind: 'placeholder' };
    throw error;
  }
}
