import { AuthError, ScopeError } from '../errors.js';
import type { VerificationKey } from './public-key.js';
import type { FetchScope, PublicKeyStore } from './public-key-store.js';
import { JwtRejection, type ParsedJws, parseRs512Jws, verifyRs512Jwt } from './rs512-jwt.js';

/** The claims BioT puts in its event tokens (BIOT-CONTRACT.md §3). */
export interface BiotTokenClaims {
  exp: number;
  iat?: number;
  jti?: string;
  sub?: string;
  serviceUserId?: string;
  scopes?: string[];
  tokenType?: string;
}

/** How long past its `exp` a token is still accepted (clock skew between BioT and AWS). */
export const MAX_CLOCK_TOLERANCE_SECONDS = 30;

export interface VerifyOptions {
  /** The scope the token must carry; undefined checks the signature and expiry only. */
  requiredScope: string | undefined;
  /** Seconds of clock skew tolerated on `exp` (at most MAX_CLOCK_TOLERANCE_SECONDS). */
  clockToleranceSeconds?: number;
  /** For tests that replay captured, long-expired tokens. */
  currentDate?: Date;
  /** The trace and deadline under which BioT's key may be fetched. */
  scope: FetchScope;
}

/**
 * Verifies a BioT token: an RS512 signature by BioT's current (or previous) key, a required
 * `exp`, and the scope for the hook type. Throws AuthError (401) or ScopeError (403).
 * BioT signs with RS512 and nothing else (BIOT-CONTRACT.md §3); pinning it is what stops `alg: none`
 * and HS512-signed-with-the-public-key forgeries.
 */
export async function verifyBiotToken(
  token: string | undefined,
  keys: PublicKeyStore,
  options: VerifyOptions,
): Promise<BiotTokenClaims> {
  if (!token) throw new AuthError('JWT_MISSING', 'The BioT token is missing');
  let jws: ParsedJws;
  try {
    jws = parseRs512Jws(token);
  } catch (error) {
    throw toAuthError(error);
  }
  let claims: BiotTokenClaims;
  try {
    const verified = verifyWithAny(jws, await keys.get(options.scope), options);
    claims = verified.claims;
    // Signed with BioT's previous key: still valid only while BioT still lists that key. Check
    // (rate-limited), so a key BioT has retired is not trusted for the container's whole life.
    if (verified.keyIndex > 0) {
      const refreshed = await keys.refresh(options.scope);
      if (refreshed) claims = verifyWithAny(jws, refreshed, options).claims;
    }
  } catch (error) {
    if (!isBadSignature(error)) throw toAuthError(error);
    // BioT may have rotated its key since we fetched it: look again (rate-limited) and retry.
    const refreshed = await keys.refresh(options.scope);
    if (!refreshed) throw toAuthError(error);
    try {
      claims = verifyWithAny(jws, refreshed, options).claims;
    } catch (retryError) {
      throw toAuthError(retryError);
    }
  }
  if (options.requiredScope !== undefined) {
    const scopes = claims.scopes;
    if (!Array.isArray(scopes) || !scopes.includes(options.requiredScope)) {
      throw new ScopeError(options.requiredScope);
    }
  }
  return claims;
}

function verifyWithAny(
  token: ParsedJws,
  keys: readonly VerificationKey[],
  options: VerifyOptions,
): { claims: BiotTokenClaims; keyIndex: number } {
  let lastError: unknown;
  for (const [keyIndex, key] of keys.entries()) {
    try {
      const claims = verifyRs512Jwt(token, key, {
        clockToleranceSeconds: Math.min(
          options.clockToleranceSeconds ?? MAX_CLOCK_TOLERANCE_SECONDS,
          MAX_CLOCK_TOLERANCE_SECONDS,
        ),
        ...(options.currentDate ? { currentDate: options.currentDate } : {}),
      }) as BiotTokenClaims;
      return { claims, keyIndex };
    } catch (error) {
      lastError = error;
      // Only a bad signature is worth trying the other key; anything else fails the same way.
      if (!isBadSignature(error)) break;
    }
  }
  throw lastError;
}

function isBadSignature(error: unknown): boolean {
  return error instanceof JwtRejection && error.reason === 'signature';
}

function toAuthError(error: unknown): unknown {
  if (!(error instanceof JwtRejection)) return error;
  switch (error.reason) {
    case 'expired':
      return new AuthError('JWT_EXPIRED', 'The BioT token has expired', { cause: error });
    case 'signature':
      return new AuthError('JWT_INVALID', 'The BioT token signature is not valid', { cause: error });
    default:
      return new AuthError('JWT_INVALID', 'The BioT token is not a valid RS512 JWT', { cause: error });
  }
}
