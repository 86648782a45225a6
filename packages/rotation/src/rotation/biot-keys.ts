import { ServiceLoginError } from '@biot-plugin/core';
import type { SecretKeyInfo } from '../biot/ums-client.js';
import { CurrentKeyRejectedError, KeyNotInBiotError } from '../errors.js';
import { STAGE } from '../secrets/secret-store.js';
import { readKeyedSecret } from './keyed-secret.js';
import type { RotationContext } from './rotation-context.js';

/** Logs in as the service user with `secretKey`; a refusal of the current key gets its own error. */
export async function loginWith(
  context: RotationContext,
  secretKey: string,
  which: 'current' | 'pending',
): Promise<string> {
  try {
    return await context.ums.login({ id: context.serviceUserId, secretKey });
  } catch (error) {
    if (which === 'current' && error instanceof ServiceLoginError && error.rejectsKey) {
      throw new CurrentKeyRejectedError(
        `BioT refused a login with the current key (${upstreamAnswer(error)}): ` +
          'the secret does not hold a working key; set one with `pnpm ops secret-set --replace`',
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * An access token for managing the rotated user's keys: the operator's when there is one (its
 * AWSCURRENT key), else the rotated user's own with `ownSecretKey`.
 */
export async function managerLogin(
  context: RotationContext,
  ownSecretKey: string,
  which: 'current' | 'pending',
): Promise<string> {
  if (context.operator === undefined) return loginWith(context, ownSecretKey, which);
  const key = await readKeyedSecret(context.operator.store, { stage: STAGE.current });
  return context.ums.login({ id: context.operator.serviceUserId, secretKey: key.secretKey });
}

/** Keys oldest first (by creationTime, then BioT's order), the order they are given up in. */
export function oldestFirst(keys: readonly SecretKeyInfo[]): SecretKeyInfo[] {
  return keys
    .map((key, index) => ({ key, index }))
    .sort((a, b) => a.key.creationTime.localeCompare(b.key.creationTime) || a.index - b.index)
    .map(({ key }) => key);
}

/**
 * Deletes every key of the service user except the ones to keep, oldest first, and returns the
 * deleted ids. Refuses to delete anything when a key in `inUse` is not listed: then the secret and
 * BioT disagree about which key is in use, and deleting "the others" could delete the one the
 * plugin uses. A key in `alsoKeep` (AWSPREVIOUS's) may be gone already.
 */
export async function deleteKeysExcept(
  context: RotationContext,
  accessToken: string,
  wanted: { inUse: readonly string[]; alsoKeep?: readonly string[] },
  reason: string,
): Promise<{ deleted: string[]; remaining: SecretKeyInfo[] }> {
  const keep = [...wanted.inUse, ...(wanted.alsoKeep ?? [])];
  const keys = await context.ums.listSecretKeys(context.serviceUserId, accessToken);
  const missing = wanted.inUse.filter((keyId) => !keys.some((key) => key.id === keyId));
  if (missing.length > 0) {
    throw new KeyNotInBiotError(
      `BioT lists no key ${missing.join(', ')} for service user ${context.serviceUserId}, but the secret ` +
        'names it; no key was deleted. Check the keyId in the secret (`pnpm ops secret-status`)',
    );
  }
  const deleted: string[] = [];
  for (const key of oldestFirst(keys.filter((candidate) => !keep.includes(candidate.id)))) {
    await context.ums.deleteSecretKey(context.serviceUserId, key.id, accessToken);
    context.logger.info('Deleted a BioT secret key', {
      keyId: key.id,
      creationTime: key.creationTime,
      reason,
    });
    deleted.push(key.id);
  }
  return { deleted, remaining: keys.filter((key) => keep.includes(key.id)) };
}

/** `403 LOGIN_FAILED`: what BioT answered, for messages. */
export function upstreamAnswer(error: { upstreamStatus: number; upstreamCode: string | undefined }): string {
  return `${error.upstreamStatus}${error.upstreamCode ? ` ${error.upstreamCode}` : ''}`;
}
