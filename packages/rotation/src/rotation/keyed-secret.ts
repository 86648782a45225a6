import { InvalidServiceSecretError, parseServiceSecret } from '@biot-plugin/core';
import { SecretStateError } from '../errors.js';
import { type SecretStore, STAGE, type Stage } from '../secrets/secret-store.js';

/** A service-user secret that names its BioT key: the only kind a rotation can manage. */
export interface KeyedSecret {
  keyId: string;
  secretKey: string;
}

/**
 * The secret at `stage` (and version), parsed with the runtime's own parser so both sides agree on
 * the format. Fails with what to do when it is missing, the placeholder, or lacks a key id.
 */
export async function readKeyedSecret(
  store: SecretStore,
  select: { stage: Stage; versionId?: string },
): Promise<KeyedSecret> {
  const what = select.versionId ? `version ${select.versionId} (${select.stage})` : select.stage;
  const raw = await store.readValue(select);
  if (raw === undefined) throw new SecretStateError(`The secret has no value at ${what}`);
  let parsed: ReturnType<typeof parseServiceSecret>;
  try {
    parsed = parseServiceSecret(raw);
  } catch (error) {
    if (error instanceof InvalidServiceSecretError) {
      throw new SecretStateError(`The secret at ${what} is unusable: ${error.message}`);
    }
    throw error;
  }
  if (parsed.keyId === undefined) {
    throw new SecretStateError(
      `The secret at ${what} has no keyId, so the rotation cannot tell which BioT key it is; ` +
        'store {"keyId","secretKey"} with `pnpm ops secret-set --replace`',
    );
  }
  return { keyId: parsed.keyId, secretKey: parsed.secretKey };
}

/** The key id of AWSPREVIOUS, or undefined when there is none or it names no key (e.g. the placeholder). */
export async function previousKeyId(store: SecretStore): Promise<string | undefined> {
  try {
    return (await readKeyedSecret(store, { stage: STAGE.previous })).keyId;
  } catch (error) {
    if (error instanceof SecretStateError) return undefined;
    throw error;
  }
}
