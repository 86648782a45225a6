import { ENV } from '@biot-plugin/core';
import { MissingCredentialsError } from '../errors.js';

export interface ServiceUserCredentials {
  id: string;
  secretKey: string;
}

/**
 * The service user a dev server uses against a real BioT environment. Read from the environment
 * only, so a secret never lands in shell history or `ps` output as a flag would.
 */
export function biotCredentialsFromEnv(env: NodeJS.ProcessEnv): ServiceUserCredentials {
  const id = env[ENV.serviceUserId]?.trim();
  const secretKey = env[ENV.serviceUserSecretKey]?.trim();
  const missing = [...(id ? [] : [ENV.serviceUserId]), ...(secretKey ? [] : [ENV.serviceUserSecretKey])];
  if (!id || !secretKey) throw new MissingCredentialsError(missing);
  return { id, secretKey };
}
