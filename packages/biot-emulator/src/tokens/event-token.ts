import { randomUUID } from 'node:crypto';
import type { SigningKeyChoice, SigningKeys } from '../keys/signing-keys.js';
import { signRs512Jwt } from './rs512-jwt.js';
import { END_USER_SCOPES, NOTIFICATION_SCOPES } from './scopes.js';

/** The id BioT's internal caller puts in `serviceUserId`; fixed so tests can assert on it. */
export const BIOT_INTERNAL_CALLER_ID = 'a1b2c3d4-0000-4000-8000-00000000b107';

// Both notification captures had about 30 minutes left on arrival (BIOT-CONTRACT.md §3).
const DEFAULT_TOKEN_LIFETIME_SECONDS = 1800;

export interface SignEventTokenOptions {
  /** Default: the notification scopes (`PROTECTED_API`, `ACTION_NOTIFICATION`, `PERMISSIONS_SYNC_PERMISSIONS`). */
  scopes?: readonly string[];
  /** Seconds from now until `exp`; negative gives an expired token. Default 1800. */
  expiresInSeconds?: number;
  /** Extra or replacing claims, e.g. `{ tokenType: 'USER' }` or `{ exp: undefined }`. */
  claims?: Record<string, unknown>;
  /** Sign with the key served as `previousPublicKey` (the same key until the first rotation). */
  signWith?: SigningKeyChoice;
}

/** Signs the JWTs BioT sends to plugins (BIOT-CONTRACT.md §3). */
export class EventTokenSigner {
  constructor(private readonly keys: SigningKeys) {}

  sign(options: SignEventTokenOptions = {}): string {
    const claims = {
      serviceUserId: BIOT_INTERNAL_CALLER_ID,
      scopes: [...(options.scopes ?? NOTIFICATION_SCOPES)],
      tokenType: 'SERVICE_INTERNAL',
      jti: randomUUID(),
      exp: epochSeconds() + (options.expiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS),
      ...options.claims,
    };
    return signRs512Jwt(claims, this.keys.privateKey(options.signWith ?? 'current'));
  }

  /** An end user's token, as found in `request.headers.authorization` of an intercepted call (BIOT-CONTRACT.md §1.4). */
  signEndUserToken(subjectId: string, tenantId: string): string {
    const claims = {
      refreshTokenId: randomUUID(),
      tenantId,
      scopes: [...END_USER_SCOPES],
      tokenType: 'USER',
      jti: randomUUID(),
      sub: subjectId,
      exp: epochSeconds() + DEFAULT_TOKEN_LIFETIME_SECONDS,
    };
    return signRs512Jwt(claims, this.keys.privateKey('current'));
  }
}

function epochSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
