import { BadRequestError, NotFoundError } from '../errors.js';
import { isPlainObject, jsonBody } from '../http/json-body.js';
import type { Router } from '../http/router.js';
import type { SigningKeys } from '../keys/signing-keys.js';
import type { AccessTokenSessions } from './access-token-sessions.js';
import type { ServiceTokenGuard } from './service-token-guard.js';
import type { ServiceUserDirectory } from './service-users.js';

export interface UmsServices {
  keys: SigningKeys;
  users: ServiceUserDirectory;
  sessions: AccessTokenSessions;
  guard: ServiceTokenGuard;
}

/** The User Management Service routes a plugin uses: public key, login, secret keys (BIOT-CONTRACT.md §3, §4, §7). */
export function addUmsRoutes(router: Router, { keys, users, sessions, guard }: UmsServices): void {
  router
    .add('GET', '/ums/v1/security/public-key', () => ({
      status: 200,
      body: { publicKey: keys.publicKey, previousPublicKey: keys.previousPublicKey },
    }))
    .add('POST', '/ums/v2/services/accessToken', (context) => {
      // A body that is not JSON has no id or secret either: BioT's 400 for both is MISSING_PARAMETERS.
      const body = jsonBody(context, 'MISSING_PARAMETERS');
      const id = isPlainObject(body) ? body.id : undefined;
      const secretKey = isPlainObject(body) ? body.secretKey : undefined;
      const missing = [
        ...(typeof id === 'string' && id !== '' ? [] : ['id']),
        ...(typeof secretKey === 'string' && secretKey !== '' ? [] : ['secretKey']),
      ];
      if (missing.length > 0 || typeof id !== 'string' || typeof secretKey !== 'string') {
        throw new BadRequestError('MISSING_PARAMETERS', `Missing parameters: ${missing.join(', ')}`, {
          missing,
        });
      }
      const { keyId } = users.authenticate(id, secretKey);
      return { status: 200, body: sessions.issue(id, keyId) };
    })
    .add('GET', '/ums/v2/services/{id}', (context) => {
      guard.require(context);
      const id = context.params.id as string;
      const view = users.view(id);
      if (view === undefined) {
        throw new NotFoundError('SERVICE_USER_NOT_FOUND', `Service user ${id} not found`, { serviceId: id });
      }
      return { status: 200, body: view };
    })
    .add('POST', '/ums/v2/services/{id}/secret-keys', (context) => {
      guard.require(context);
      return { status: 201, body: users.createSecretKey(context.params.id as string) };
    })
    .add('DELETE', '/ums/v2/services/{id}/secret-keys/{keyId}', (context) => {
      guard.require(context);
      users.deleteSecretKey(context.params.id as string, context.params.keyId as string);
      return { status: 204 };
    });
}
