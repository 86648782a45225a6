import { createPublicKey, type KeyObject } from 'node:crypto';

export type VerificationKey = KeyObject;

/** RFC 7518 §3.3: RS* keys must be at least 2048 bits. */
const MIN_MODULUS_BITS = 2048;

/**
 * BioT serves its key as one-line base64 DER SPKI without PEM armour (BIOT-CONTRACT.md §3); users may
 * also paste a PEM into BIOT_PUBLIC_KEY (with real or `\n`-escaped newlines). Both become a Node
 * key object, imported once per key and reused for every token. Anything that is not an RSA
 * public key of at least 2048 bits is refused here, so verification never runs with a weak key.
 */
export function importBiotPublicKey(value: string): VerificationKey {
  const trimmed = value.trim();
  const key = trimmed.startsWith('-----BEGIN')
    ? createPublicKey(trimmed.replace(/\\n/g, '\n'))
    : createPublicKey({
        key: Buffer.from(trimmed.replace(/\s+/g, ''), 'base64'),
        format: 'der',
        type: 'spki',
      });
  if (key.asymmetricKeyType !== 'rsa') {
    throw new TypeError(`BioT's public key must be an RSA key, not ${key.asymmetricKeyType}`);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_MODULUS_BITS) {
    throw new TypeError(`BioT's public key has ${bits} bits; RS512 needs at least ${MIN_MODULUS_BITS}`);
  }
  return key;
}
