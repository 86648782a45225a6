import { generateKeyPair, type KeyObject, randomUUID, sign } from 'node:crypto';
import { promisify } from 'node:util';
import { BIOT_INTERNAL_CALLER_ID } from '@biot-plugin/biot-emulator';

const generateRsaKeyPair = promisify(generateKeyPair);

/** The attacker's key: made once per process, since making one takes a moment. */
let attackerKey: Promise<KeyObject> | undefined;

/**
 * A token exactly like BioT's (RS512, header `{"alg":"RS512"}`, the same claims, BIOT-CONTRACT.md §3)
 * but signed with a key of the attacker's own: what someone who found the plugin's URL would send.
 */
export async function forgeEventToken(scopes: readonly string[]): Promise<string> {
  attackerKey ??= generateRsaKeyPair('rsa', { modulusLength: 2048 }).then(({ privateKey }) => privateKey);
  const privateKey = await attackerKey;
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = {
    serviceUserId: BIOT_INTERNAL_CALLER_ID,
    scopes,
    tokenType: 'SERVICE_INTERNAL',
    jti: randomUUID(),
    exp: Math.floor(Date.now() / 1000) + 1800,
  };
  const signingInput = `${encode({ alg: 'RS512' })}.${encode(claims)}`;
  return `${signingInput}.${sign('sha512', Buffer.from(signingInput), privateKey).toString('base64url')}`;
}
