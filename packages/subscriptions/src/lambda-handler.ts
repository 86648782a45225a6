/**
 * The custom resource Lambda's entry point (`handler`), bundled by the CDK construct
 * BiotSubscriptions. Environment (names from the BioT core's ENV, read as the plugin runtime reads them): BIOT_BASE_URL,
 * BIOT_SERVICE_USER_ID, BIOT_SERVICE_USER_SECRET_ARN (required); BIOT_HTTP_TIMEOUT_MS,
 * BIOT_HTTP_RETRY_LIMIT, POWERTOOLS_LOG_LEVEL (optional).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes } from '@aws-lambda-powertools/logger/types';
import {
  ConfigurationError,
  ENV,
  EnvReader,
  readBiotSettings,
  secretsManagerSecretSource,
} from '@biot-plugin/core';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import {
  createSubscriptionsHandler,
  type RemainingTime,
  type SubscriptionsEventHandler,
  type SubscriptionsResourceResponse,
} from './custom-resource-handler.js';
import type { SubscriptionsLogger } from './subscriptions-logger.js';

let onEvent: SubscriptionsEventHandler | undefined;

export async function handler(
  event: CloudFormationCustomResourceEvent,
  context: RemainingTime,
): Promise<SubscriptionsResourceResponse> {
  // Built on the first event, not at import: the container's environment is complete by then.
  onEvent ??= handlerFromEnvironment(process.env);
  return onEvent(event, context);
}

export function handlerFromEnvironment(env: NodeJS.ProcessEnv): SubscriptionsEventHandler {
  const read = new EnvReader(env);
  const { baseUrl, serviceUserId, httpTimeoutMs, httpRetryLimit } = readBiotSettings(read);
  const secretArn = read.text(ENV.serviceUserSecretArn);
  if (!baseUrl) throw new ConfigurationError(`${ENV.baseUrl} is not set`);
  if (!serviceUserId) throw new ConfigurationError(`${ENV.serviceUserId} is not set`);
  if (read.problems.length > 0) {
    throw new ConfigurationError(`The subscriptions function is misconfigured: ${read.problems.join('; ')}`);
  }
  return createSubscriptionsHandler({
    biot: { baseUrl, serviceUserId, httpTimeoutMs, httpRetryLimit },
    secrets: secretArn
      ? secretsManagerSecretSource(secretArn, { maxAgeSeconds: 0 })
      : { read: () => Promise.reject(new ConfigurationError(`${ENV.serviceUserSecretArn} is not set`)) },
    logger: fromPowertools(new Logger({ serviceName: 'biot-subscriptions' })),
  });
}

/** JSON log lines with Lambda's request context; attributes are plain data, never a token or secret. */
function fromPowertools(logger: Logger): SubscriptionsLogger {
  const attributes = (extra: Record<string, unknown> | undefined) => [(extra ?? {}) as LogAttributes];
  return {
    info: (message, extra) => logger.info(message, ...attributes(extra)),
    warn: (message, extra) => logger.warn(message, ...attributes(extra)),
    error: (message, extra) => logger.error(message, ...attributes(extra)),
  };
}
