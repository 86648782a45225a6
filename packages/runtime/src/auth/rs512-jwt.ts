import { type KeyObject, verify } from 'node:crypto';

/** Why a token was refused; verify-token.ts maps each reason to BioT's error codes. */
export type JwtRejectionReason = 'malformed' | 'algorithm' | 'signature' | 'expired' | 'claims';

export class JwtRejection extends Error {
  override readonly name = 'JwtRejection';
  constructor(
    readonly reason: JwtRejectionReason,
    message: string,
  ) {
    super(message);
  }
}

export interface Rs512VerifyOptions {
  /** Seconds of skew tolerated on `exp` and `nbf`. */
  clockToleranceSeconds: number;
  /** The instant to judge `exp` and `nbf` against; defaults to now. */
  currentDate?: Date;
}

// Stateless for whole inputs, so one is enough; `fatal` makes invalid UTF-8 an error, not U+FFFD.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

// Compact JWS: three base64url parts; the signature part may not be empty (that is `alg: none`).
const COMPACT_JWS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/**
 * Verifies a compact JWT signed with RS512 (RSASSA-PKCS1-v1_5 with SHA-512, RFC 7518 §3.3) and
 * returns its claims. The algorithm is pinned: the header must say exactly `RS512`, so `none`,
 * HS512 (an HMAC keyed with the public key) and RS256 are refused before any crypto runs.
 * `exp` is required; `nbf` and `iat`, when present, must be numbers and `nbf` must have passed.
 *
 * Why not jose's `jwtVerify`: jose 6 verifies through WebCrypto, which in Node hops to the
 * thread pool and took ~140–250 µs per token here, most of the pipeline's own time; `crypto.verify`
 * on a cached KeyObject takes ~25 µs with the same OpenSSL underneath. A differential test
 * (`test/unit/rs512-jwt.test.ts`) holds this function to jose's verdicts.
 */
export function verifyRs512Jwt(
  token: string | ParsedJws,
  key: KeyObject,
  options: Rs512VerifyOptions,
): unknown {
  const jws = typeof token === 'string' ? parseRs512Jws(token) : token;
  if (!verify('sha512', jws.signed, key, jws.signature)) {
    throw new JwtRejection('signature', 'signature verification failed');
  }
  checkTimes(jws.claims, options);
  return jws.claims;
}

/** A token that has the form of a BioT token; whether BioT signed it is still to be seen. */
export interface ParsedJws {
  readonly signed: Buffer;
  readonly signature: Buffer;
  readonly claims: Record<string, unknown>;
}

/** RSA keys below 2048 bits are refused at import, so no genuine signature is shorter. */
const MIN_SIGNATURE_BYTES = 256;

/**
 * Everything that can be checked without a key: compact form, `alg: RS512`, no `crit`, JSON
 * header and payload, a signature as long as a 2048-bit key makes. Junk fails here, before the
 * verifier asks for BioT's key, so junk can never make the plugin call BioT.
 */
export function parseRs512Jws(token: string): ParsedJws {
  const parts = COMPACT_JWS.exec(token);
  if (!parts) throw new JwtRejection('malformed', 'not a compact JWS');
  const [, encodedHeader = '', encodedPayload = '', encodedSignature = ''] = parts;
  const header = decodeJsonObject(encodedHeader, 'header');
  if (header.alg !== 'RS512') throw new JwtRejection('algorithm', 'alg must be RS512');
  // `crit` names extensions the verifier must understand (RFC 7515 §4.1.11); we understand none.
  if (header.crit !== undefined) throw new JwtRejection('malformed', 'crit is not supported');
  const claims = decodeJsonObject(encodedPayload, 'payload');
  const signature = Buffer.from(encodedSignature, 'base64url');
  if (signature.length < MIN_SIGNATURE_BYTES)
    throw new JwtRejection('malformed', 'the signature is too short');
  return { signed: Buffer.from(`${encodedHeader}.${encodedPayload}`, 'ascii'), signature, claims };
}

function checkTimes(claims: Record<string, unknown>, options: Rs512VerifyOptions): void {
  const now = Math.floor((options.currentDate?.getTime() ?? Date.now()) / 1000);
  const tolerance = options.clockToleranceSeconds;
  const { exp, nbf, iat } = claims;
  if (exp === undefined) throw new JwtRejection('claims', 'exp is required');
  if (!isNumericDate(exp)) throw new JwtRejection('claims', 'exp must be a number');
  if (nbf !== undefined && !isNumericDate(nbf)) throw new JwtRejection('claims', 'nbf must be a number');
  if (iat !== undefined && !isNumericDate(iat)) throw new JwtRejection('claims', 'iat must be a number');
  if (typeof nbf === 'number' && nbf > now + tolerance) {
    throw new JwtRejection('claims', 'nbf is in the future');
  }
  if (exp <= now - tolerance) throw new JwtRejection('expired', 'exp has passed');
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function decodeJsonObject(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(UTF8.decode(Buffer.from(part, 'base64url')));
  } catch {
    throw new JwtRejection('malformed', `the ${what} is not base64url JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JwtRejection('malformed', `the ${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}
