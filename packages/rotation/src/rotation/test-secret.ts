import { ServiceLoginError } from '@biot-plugin/core';
import { KeyNotInBiotError, PendingKeyRejectedError } from '../errors.js';
import { STAGE } from '../secrets/secret-store.js';
import { managerLogin, upstreamAnswer } from './biot-keys.js';
import { readKeyedSecret } from './keyed-secret.js';
import type { RotationContext } from './rotation-context.js';

/**
 * testSecret: a service login with the new key must succeed, and BioT must list the key id stored
 * with it (later rotations decide which keys to delete by that id).
 *
 * When BioT refuses the key (401/403), it is deleted in BioT again, so the failed rotation leaves
 * BioT's keys as they were; AWSCURRENT is untouched either way. Other failures (timeouts, 5xx)
 * leave the key in place for Secrets Manager's retry of this step.
 */
export async function testSecret(context: RotationContext): Promise<void> {
  const { store, versionId, logger } = context;
  const pending = await readKeyedSecret(store, { stage: STAGE.pending, versionId });
  let accessToken: string;
  try {
    accessToken = await context.ums.login({ id: context.serviceUserId, secretKey: pending.secretKey });
  } catch (error) {
    if (!(error instanceof ServiceLoginError && error.rejectsKey)) throw error;
    await deleteRejectedKey(context, pending.keyId);
    throw new PendingKeyRejectedError(
      `BioT refused a login with the new key ${pending.keyId} (${upstreamAnswer(error)}); ` +
        'it was not promoted and AWSCURRENT is unchanged',
      { cause: error },
    );
  }
  // The list is the manager's to read: the rotated user itself may lack the permission.
  const listToken =
    context.operator === undefined ? accessToken : await managerLogin(context, pending.secretKey, 'pending');
  const keys = await context.ums.listSecretKeys(context.serviceUserId, listToken);
  if (!keys.some((key) => key.id === pending.keyId)) {
    throw new KeyNotInBiotError(`BioT does not list the new key id ${pending.keyId}; it is not promoted`);
  }
  logger.info('A service login with the new key succeeded', { keyId: pending.keyId });
}

async function deleteRejectedKey(context: RotationContext, keyId: string): Promise<void> {
  try {
    const current = await readKeyedSecret(context.store, { stage: STAGE.current });
    const accessToken = await managerLogin(context, current.secretKey, 'current');
    const outcome = await context.ums.deleteSecretKey(context.serviceUserId, keyId, accessToken);
    context.logger.info('Deleted the refused new key in BioT', { keyId, outcome });
  } catch (error) {
    context.logger.warn('Could not delete the refused new key; the next rotation will', { keyId, error });
  }
}
