import { type KeyObject, sign } from 'node:crypto';

// BioT's JOSE header is exactly this: no `kid`, no `typ` (BIOT-CONTRACT.md §3).
const HEADER = Buffer.from(JSON.stringify({ alg: 'RS512' })).toString('base64url');

/** A compact JWS, RSASSA-PKCS1-v1_5 with SHA-512, claims serialised in the given key order. */
export function signRs512Jwt(claims: Record<string, unknown>, privateKey: KeyObject): string {
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = sign('sha512', Buffer.from(signingInput), privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}
