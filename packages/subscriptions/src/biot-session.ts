import { BiotHttp, serviceLogin } from '@biot-plugin/core';
import { BiotDispatcher, type CallContext } from './biot-dispatcher.js';

export interface BiotConnection {
  /** BIOT_BASE_URL, e.g. `https://api.int.biot-med.com`. */
  readonly baseUrl: string;
  /** The plugin's service user (BIOT_SERVICE_USER_ID); its role holds the dispatcher permissions. */
  readonly serviceUserId: string;
  /** Upper bound of one HTTP attempt. @default the BioT core's BIOT_HTTP_TIMEOUT_MS default */
  readonly httpTimeoutMs?: number;
  /** @default the BioT core's BIOT_HTTP_RETRY_LIMIT default */
  readonly httpRetryLimit?: number;
}

/**
 * Logs in as the service user (BIOT-CONTRACT.md §4) with the BioT core's client and returns the
 * dispatcher for that session. One login per run: registration runs a few times per deploy, so
 * there is nothing to cache.
 */
export async function openDispatcher(
  connection: BiotConnection,
  secretKey: string,
  context: CallContext,
): Promise<BiotDispatcher> {
  const http = new BiotHttp({
    baseUrl: connection.baseUrl,
    timeoutMs: connection.httpTimeoutMs,
    retryLimit: connection.httpRetryLimit,
  });
  const { accessToken } = await serviceLogin(http, { id: connection.serviceUserId, secretKey }, context);
  return new BiotDispatcher(http, accessToken);
}
