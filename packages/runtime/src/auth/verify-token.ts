import { errors, type JWTPayload, jwtVerify } from 'jose';
import { AuthError, ScopeError } from '../errors.js';
import type { VerificationKey } from './public-key.js';
import type { FetchScope, PublicKeyStore } from './public-key-store.js';

/** The claims BioT puts in its event tokens (contract §3). */
export interface BiotTokenClaims extends JWTPayload {
  serviceUserId?: string;
  scopes?: string[];
  tokenType?: string;
}

export interface VerifyOptions {
  /** The scope the token must carry; undefined checks the signature and expiry only. */
  requiredScope: string | undefined;
  /** Seconds of clock skew tolerated on `exp` (at most 30). */
  clockToleranceSeconds?: number;
  /** For tests that replay captured, long-expired tokens. */
  currentDate?: Date;
  /** The trace and deadline under which BioT's key may be fetched. */
  scope: FetchScope;
}

// BioT signs with RS512 and nothing else (contract §3). Pinning the algorithm is what stops
// `alg: none` and HS512-signed-with-the-public-key forgeries.
const ALGORITHMS = ['RS512'];

/**
 * Verifies a BioT token: RS512 signature by BioT's current (or previous) key, a required `exp`,
 * and the scope for the hook type. Throws AuthError (401) or ScopeError (403).
 */
export async function verifyBiotToken(
  token: string | undefined,
  keys: PublicKeyStore,
  options: VerifyOptions,
): Promise<BiotTokenClaims> {
  if (!token) throw new AuthError('JWT_MISSING', 'The BioT token is missing');
  let claims: BiotTokenClaims;
  try {
    const verified = await verifyWithAny(token, await keys.get(options.scope), options);
    claims = verified.claims;
    // Signed with BioT's previous key: still valid only while BioT still lists that key. Check
    // (rate-limited), so a key BioT has retired is not trusted for the container's whole life.
    if (verified.keyIndex > 0) {
      const refreshed = await keys.refresh(options.scope);
      if (refreshed) claims = (await verifyWithAny(token, refreshed, options)).claims;
    }
  } catch (error) {
    if (!(error instanceof errors.JWSSignatureVerificationFailed)) throw toAuthError(error);
    // BioT may have rotated its key since we fetched it: look again (rate-limited) and retry.
    const refreshed = await keys.refresh(options.scope);
    if (!refreshed) throw toAuthError(error);
    claims = await verifyWithAny(token, refreshed, options).then(
      (verified) => verified.claims,
      (retryError: unknown) => {
        throw toAuthError(retryError);
      },
    );
  }
  if (options.requiredScope !== undefined) {
    const scopes = claims.scopes;
    if (!Array.isArray(scopes) || !scopes.includes(options.requiredScope)) {
      throw new ScopeError(options.requiredScope);
    }
  }
  return claims;
}

async function verifyWithAny(
  token: string,
  keys: readonly VerificationKey[],
  options: VerifyOptions,
): Promise<{ claims: BiotTokenClaims; keyIndex: number }> {
  let lastError: unknown;
  for (const [keyIndex, key] of keys.entries()) {
    try {
      const { payload } = await jwtVerify<BiotTokenClaims>(token, key, {
        algorithms: ALGORITHMS,
        requiredClaims: ['exp'],
        clockTolerance: Math.min(options.clockToleranceSeconds ?? 30, 30),
        ...(options.currentDate ? { currentDate: options.currentDate } : {}),
      });
      return { claims: payload, keyIndex };
    } catch (error) {
      lastError = error;
      // Only a bad signature is worth trying the other key; anything else fails the same way.
      if (!(error instanceof errors.JWSSignatureVerificationFailed)) break;
    }
  }
  throw lastError;
}

function toAuthError(error: unknown): unknown {
  if (error instanceof errors.JWTExpired) {
    return new AuthError('JWT_EXPIRED', 'The BioT token has expired', { cause: error });
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new AuthError('JWT_INVALID', 'The BioT token signature is not valid', { cause: error });
  }
  if (error instanceof errors.JOSEError) {
    return new AuthError('JWT_INVALID', 'The BioT token is not a valid RS512 JWT', { cause: error });
  }
  return error;
}
