/**
 * The custom resource Lambda's entry point (`handler`), bundled by the CDK construct
 * BiotSubscriptions. Environment (names from the runtime's ENV): BIOT_BASE_URL,
 * BIOT_SERVICE_USER_ID, BIOT_SERVICE_USER_SECRET_ARN (required); BIOT_HTTP_TIMEOUT_MS,
 * BIOT_HTTP_RETRY_LIMIT, POWERTOOLS_LOG_LEVEL (optional).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes } from '@aws-lambda-powertools/logger/types';
import { ConfigurationError, ENV } from '@biot-plugin/core';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import {
  createSubscriptionsHandler,
  type RemainingTime,
  type SubscriptionsEventHandler,
  type SubscriptionsResourceResponse,
} from './custom-resource-handler.js';
import { secretsManagerSecretReader } from './service-secret.js';
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
  const secretArn = env[ENV.serviceUserSecretArn];
  return createSubscriptionsHandler({
    biot: {
      baseUrl: required(env, ENV.baseUrl),
      serviceUserId: required(env, ENV.serviceUserId),
      ...optionalNumber(env, ENV.httpTimeoutMs, 'httpTimeoutMs'),
      ...optionalNumber(env, ENV.httpRetryLimit, 'httpRetryLimit'),
    },
    readSecret: secretArn
      ? secretsManagerSecretReader(secretArn)
      : () => Promise.reject(new ConfigurationError(`${ENV.serviceUserSecretArn} is not set`)),
    logger: fromPowertools(new Logger({ serviceName: 'biot-subscriptions' })),
  });
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new ConfigurationError(`${name} is not set`);
  return value;
}

function optionalNumber<K extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  key: K,
): Partial<Record<K, number>> {
  const value = Number(env[name]);
  return env[name] && Number.isFinite(value) && value >= 0 ? ({ [key]: value } as Record<K, number>) : {};
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
