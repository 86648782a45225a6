import { SecretStateError } from '../errors.js';
import { STAGE } from '../secrets/secret-store.js';
import type { RotationContext } from './rotation-context.js';

/**
 * setSecret: nothing to set. For a database the rotation would now give the new password to the
 * database; BioT made the key itself in createSecret and already accepts it.
 */
export async function setSecret(context: RotationContext): Promise<void> {
  const { store, versionId, logger } = context;
  if ((await store.readValue({ stage: STAGE.pending, versionId })) === undefined) {
    throw new SecretStateError(`Version ${versionId} holds no AWSPENDING value; createSecret has not run`);
  }
  logger.info('Nothing to set: BioT created the new key in createSecret and already accepts it');
}
