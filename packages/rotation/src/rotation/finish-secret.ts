import { SecretStateError } from '../errors.js';
import { STAGE, versionWithStage } from '../secrets/secret-store.js';
import { deleteKeysExcept, managerLogin } from './biot-keys.js';
import { readKeyedSecret } from './keyed-secret.js';
import type { RotationContext } from './rotation-context.js';

/**
 * finishSecret: AWSCURRENT moves to the new version, and the version it leaves becomes AWSPREVIOUS
 * (Secrets Manager labels it). Its key stays valid in BioT, so warm plugin containers still holding
 * it keep working until they re-read the secret. Keys older than that are deleted first, before the
 * move, so that a failure anywhere in this step leaves AWSCURRENT where it was.
 */
export async function finishSecret(context: RotationContext): Promise<void> {
  const { store, versionId, logger } = context;
  const description = await store.describe();
  const currentVersion = versionWithStage(description, STAGE.current);
  if (currentVersion === versionId) {
    if (description.stagesByVersion.get(versionId)?.includes(STAGE.pending)) {
      await store.removeStage(STAGE.pending, versionId);
    }
    logger.info('The new version is already AWSCURRENT; nothing to do');
    return;
  }
  if (currentVersion === undefined) throw new SecretStateError('No version of the secret is AWSCURRENT');

  const next = await readKeyedSecret(store, { stage: STAGE.pending, versionId });
  const current = await readKeyedSecret(store, { stage: STAGE.current });
  const accessToken = await managerLogin(context, next.secretKey, 'pending');
  const { deleted } = await deleteKeysExcept(
    context,
    accessToken,
    { inUse: [next.keyId, current.keyId] },
    'older than the key that becomes AWSPREVIOUS',
  );

  await store.moveCurrent(versionId, currentVersion);
  // AWS accepts AWSPENDING left on the new AWSCURRENT, but a later RotateSecret is clearer without it.
  await store.removeStage(STAGE.pending, versionId);
  logger.info('Rotation finished: AWSCURRENT moved to the new version', {
    keyId: next.keyId,
    previousKeyId: current.keyId,
    previousVersionId: currentVersion,
    deletedKeyIds: deleted,
  });
}
