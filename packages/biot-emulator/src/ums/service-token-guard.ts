import { UnauthorizedError } from '../errors.js';
import { headerValue, type RequestContext } from '../http/request-context.js';
import type { AccessTokenSession, AccessTokenSessions } from './access-token-sessions.js';
import type { ServiceUserDirectory } from './service-users.js';

export interface GuardSettings {
  /** Whether deleting a secret key ends the sessions opened with it (BIOT-CONTRACT.md §12.9: unknown in BioT). */
  revokeTokensOnKeyDelete: boolean;
}

/**
 * Protected BioT APIs want `authorization: Bearer <service access token>` (BIOT-CONTRACT.md §4). Every
 * refusal is a 401 with code UNAUTHORIZED; `details.reason` says why, so tests can tell the
 * cases apart without the emulator inventing codes BioT may not use.
 */
export class ServiceTokenGuard {
  constructor(
    private readonly sessions: AccessTokenSessions,
    private readonly users: ServiceUserDirectory,
    private readonly settings: GuardSettings,
  ) {}

  require(context: RequestContext): AccessTokenSession {
    const authorization = headerValue(context.headers, 'authorization');
    const match = authorization === undefined ? null : /^Bearer\s+(\S+)$/i.exec(authorization);
    const token = match?.[1];
    if (token === undefined) {
      throw new UnauthorizedError('UNAUTHORIZED', 'A service access token is required', {
        reason: 'missing',
      });
    }
    const session = this.sessions.find(token);
    if (session === undefined) {
      throw new UnauthorizedError('UNAUTHORIZED', 'The access token is not valid', { reason: 'unknown' });
    }
    if (session.expiresAt <= Date.now()) {
      throw new UnauthorizedError('UNAUTHORIZED', 'The access token has expired', { reason: 'expired' });
    }
    if (
      this.settings.revokeTokensOnKeyDelete &&
      !this.users.hasSecretKey(session.serviceUserId, session.secretKeyId)
    ) {
      throw new UnauthorizedError('UNAUTHORIZED', 'The secret key this token was issued with was deleted', {
        reason: 'revoked',
      });
    }
    if (!this.users.isActive(session.serviceUserId)) {
      throw new UnauthorizedError('SERVICE_LOCKED', `Service user ${session.serviceUserId} is not active`, {
        serviceId: session.serviceUserId,
      });
    }
    return session;
  }
}
