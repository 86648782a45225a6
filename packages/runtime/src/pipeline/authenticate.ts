import type { PublicKeyStore } from '../auth/public-key-store.js';
import { verifyBiotToken } from '../auth/verify-token.js';
import type { RuntimeConfig } from '../config/config.js';
import { TokenTypeError } from '../errors.js';
import type { IncomingEvent } from '../event/incoming-event.js';

export interface AuthScope {
  deadline: number;
  traceparent: string;
}

/**
 * Stage 2: is this really BioT calling? Notifications need ACTION_NOTIFICATION, interceptors
 * PLUGIN_INTERCEPTOR (both overridable, contract §3). A non-specific call through the URL
 * needs one of BioT's own service tokens; a direct invocation was already authorised by IAM.
 */
export async function authenticate(
  event: IncomingEvent,
  keys: PublicKeyStore,
  config: RuntimeConfig,
  scope: AuthScope,
): Promise<void> {
  if (!config.validateJwt) return;
  switch (event.hookType) {
    case 'NOTIFICATION':
      await verifyBiotToken(event.token, keys, { requiredScope: config.notificationScope, scope });
      return;
    case 'INTERCEPTOR_PRE':
    case 'INTERCEPTOR_POST':
    case 'INTERCEPTOR_POST_ENTITY':
      await verifyBiotToken(event.token, keys, { requiredScope: config.interceptionScope, scope });
      return;
    case 'NONSPECIFIC': {
      if (event.source === 'invoke') return;
      const claims = await verifyBiotToken(event.token, keys, { requiredScope: undefined, scope });
      // End users' tokens are signed by the same key; only BioT's internal callers may run jobs.
      if (claims.tokenType !== 'SERVICE_INTERNAL') throw new TokenTypeError('SERVICE_INTERNAL');
      return;
    }
  }
}
