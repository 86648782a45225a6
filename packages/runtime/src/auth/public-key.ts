import { importSPKI } from 'jose';

export type VerificationKey = Awaited<ReturnType<typeof importSPKI>>;

/**
 * BioT serves its key as one-line base64 DER SPKI without PEM armour (contract §3); users may
 * also paste a PEM into BIOT_PUBLIC_KEY. Both become an RS512 verification key.
 */
export function importBiotPublicKey(value: string): Promise<VerificationKey> {
  const trimmed = value.trim();
  const pem = trimmed.startsWith('-----BEGIN')
    ? trimmed.replace(/\\n/g, '\n')
    : `-----BEGIN PUBLIC KEY-----\n${trimmed.replace(/\s+/g, '')}\n-----END PUBLIC KEY-----`;
  return importSPKI(pem, 'RS512');
}
