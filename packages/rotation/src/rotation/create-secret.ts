import { BiotApiError, serializeServiceSecret } from '@biot-plugin/core';
import type { CreatedSecretKey } from '../biot/ums-client.js';
import { KeyCapError } from '../errors.js';
import { STAGE } from '../secrets/secret-store.js';
import { deleteKeysExcept, managerLogin } from './biot-keys.js';
import { previousKeyId, readKeyedSecret } from './keyed-secret.js';
import type { RotationContext } from './rotation-context.js';

/**
 * createSecret: a new BioT key, stored as this rotation's AWSPENDING version.
 *
 * Idempotent per ClientRequestToken: when the version already holds a value, the step is done.
 * A key BioT created but whose value never reached the secret (the function crashed or timed out
 * in between; BioT shows a value only once) is a leftover: like every key that is neither
 * AWSCURRENT's nor AWSPREVIOUS's, it is deleted, oldest first, before the new key is created, so a
 * retried step ends with exactly one new key. At BioT's cap (409 MAX_SECRET_KEYS) AWSPREVIOUS's
 * key goes too, never AWSCURRENT's.
 */
export async function createSecret(context: RotationContext): Promise<void> {
  const { store, versionId, logger } = context;
  if ((await store.readValue({ stage: STAGE.pending, versionId })) !== undefined) {
    logger.info('The new key is already stored as AWSPENDING; nothing to do');
    return;
  }
  const current = await readKeyedSecret(store, { stage: STAGE.current });
  const previous = await previousKeyId(store);
  const accessToken = await managerLogin(context, current.secretKey, 'current');
  // AWSPREVIOUS's key may be gone already (deleted by hand, or at the cap): keep it only if listed.
  await deleteKeysExcept(
    context,
    accessToken,
    { inUse: [current.keyId], alsoKeep: previous === undefined ? [] : [previous] },
    'leftover: neither AWSCURRENT nor AWSPREVIOUS',
  );

  const created = await createKeyWithinCap(context, accessToken, current.keyId);
  try {
    await store.putPending(
      versionId,
      serializeServiceSecret({ keyId: created.id, secretKey: created.secretKey }),
    );
  } catch (error) {
    // The value exists nowhere else now; remove the key rather than leave it to the next attempt.
    await context.ums.deleteSecretKey(context.serviceUserId, created.id, accessToken).then(
      () => logger.warn('Deleted the new key again: storing it failed', { keyId: created.id }),
      () =>
        logger.warn('Storing the new key failed and so did deleting it; the next attempt will', {
          keyId: created.id,
        }),
    );
    throw error;
  }
  logger.info('Created a BioT secret key and stored it as AWSPENDING', { keyId: created.id });
}

async function createKeyWithinCap(
  context: RotationContext,
  accessToken: string,
  currentKeyId: string,
): Promise<CreatedSecretKey> {
  try {
    return await context.ums.createSecretKey(context.serviceUserId, accessToken);
  } catch (error) {
    if (!isKeyCap(error)) throw error;
  }
  // Only AWSCURRENT's and AWSPREVIOUS's keys are left (the leftovers went first), and BioT allows no
  // more: give up AWSPREVIOUS's now. finishSecret would delete it anyway, and a container still
  // holding it re-reads the secret when BioT refuses it.
  const { deleted } = await deleteKeysExcept(
    context,
    accessToken,
    { inUse: [currentKeyId] },
    "BioT's key cap is reached",
  );
  context.logger.warn('At BioT key cap: deleted keys other than AWSCURRENT to make room', { deleted });
  try {
    return await context.ums.createSecretKey(context.serviceUserId, accessToken);
  } catch (error) {
    if (!isKeyCap(error)) throw error;
    throw new KeyCapError(
      `BioT refuses another key for service user ${context.serviceUserId} (409 MAX_SECRET_KEYS) even though ` +
        'it holds only the current key; a rotation needs room for two keys',
      { cause: error },
    );
  }
}

function isKeyCap(error: unknown): boolean {
  return (
    error instanceof BiotApiError && error.upstreamStatus === 409 && error.upstreamCode === 'MAX_SECRET_KEYS'
  );
}
