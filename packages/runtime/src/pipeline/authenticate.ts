import type { PublicKeyStore } from '../auth/public-key-store.js';
import { type BiotTokenClaims, verifyBiotToken } from '../auth/verify-token.js';
import type { RuntimeConfig } from '../config/config.js';
import { ScheduledViaUrlError, TokenTypeError } from '../errors.js';
import type { IncomingEvent } from '../event/incoming-event.js';
import { HOOK_TYPES } from '../hook-types.js';
import type { PluginDefinition } from '../plugin/define-plugin.js';

export interface AuthScope {
  deadline: number;
  traceparent: string;
}

/** The only token BioT itself calls plugins with (BIOT-CONTRACT.md §3); end users' tokens share its key. */
const BIOT_TOKEN_TYPE = 'SERVICE_INTERNAL';

/**
 * Stage 2: is this really BioT calling, for this purpose? Every token must be one of BioT's own
 * service tokens and carry the scope the hook's HOOK_TYPES entry names (overridable, contract
 * §3). A scheduled job runs on AWS's direct invocation (IAM authorised it); through the URL
 * only when the plugin opted in with a scope of its own, never on the strength of any BioT token.
 */
export async function authenticate(
  event: IncomingEvent,
  keys: PublicKeyStore,
  config: RuntimeConfig,
  plugin: Pick<PluginDefinition, 'scheduledViaUrl'>,
  scope: AuthScope,
): Promise<BiotTokenClaims | undefined> {
  if (event.hook === 'scheduled' && event.source === 'invoke') return undefined;
  if (!config.validateJwt) return undefined;
  let requiredScope: string | undefined;
  if (event.hook === 'scheduled') {
    if (plugin.scheduledViaUrl === undefined) throw new ScheduledViaUrlError();
    requiredScope = plugin.scheduledViaUrl.scope;
  } else {
    requiredScope = config[HOOK_TYPES[event.hook].scope];
  }
  const claims = await verifyBiotToken(event.token, keys, { requiredScope, scope });
  if (claims.tokenType !== BIOT_TOKEN_TYPE) throw new TokenTypeError(BIOT_TOKEN_TYPE);
  return claims;
}
