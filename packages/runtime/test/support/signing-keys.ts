import { createPrivateKey, type KeyObject } from 'node:crypto';
import { exportPKCS8, exportSPKI, generateKeyPair, SignJWT } from 'jose';

export interface SigningKey {
  /** A Node key object, usable with any RSA algorithm (tests sign RS256 forgeries with it). */
  privateKey: KeyObject;
  /** One-line base64 DER SPKI, as BioT serves it (BIOT-CONTRACT.md §3). */
  publicKeyBase64: string;
  publicKeyPem: string;
}

/** A real RSA-2048 key pair, like BioT's. */
export async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS512', {
    modulusLength: 2048,
    extractable: true,
  });
  const publicKeyPem = await exportSPKI(publicKey);
  const publicKeyBase64 = publicKeyPem.replace(/-----(BEGIN|END) PUBLIC KEY-----|\s/g, '');
  return { privateKey: createPrivateKey(await exportPKCS8(privateKey)), publicKeyBase64, publicKeyPem };
}

export interface TokenOptions {
  scopes?: string[];
  tokenType?: string;
  expiresInSeconds?: number | null;
  alg?: string;
  claims?: Record<string, unknown>;
}

/** An event token shaped like BioT's (BIOT-CONTRACT.md §3): header exactly `{"alg":"RS512"}`. */
export function signToken(key: SigningKey, options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    serviceUserId: '6786d60d-e23b-4d1b-969c-71a193ac185c',
    scopes: options.scopes ?? ['PROTECTED_API', 'ACTION_NOTIFICATION', 'PLUGIN_INTERCEPTOR'],
    tokenType: options.tokenType ?? 'SERVICE_INTERNAL',
    jti: crypto.randomUUID(),
    ...options.claims,
  };
  if (options.expiresInSeconds !== null) claims.exp = now + (options.expiresInSeconds ?? 1800);
  return new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'RS512' }).sign(key.privateKey);
}
