import type { Context } from 'aws-lambda';
import { type PublicKeyPair, PublicKeyStore } from '../auth/public-key-store.js';
import { type BiotClient, createBiotClient } from '../biot/biot-client.js';
import { BiotHttp } from '../biot/biot-http.js';
import {
  environmentSecretSource,
  type SecretSource,
  secretsManagerSecretSource,
} from '../biot/secret-source.js';
import { serviceLogin } from '../biot/service-login.js';
import { ServiceSession } from '../biot/service-session.js';
import type { RuntimeConfig } from '../config/config.js';
import { PluginError } from '../errors.js';
import { extractEvent, headersOf } from '../event/extract.js';
import type { FunctionUrlResult } from '../event/function-url-event.js';
import type { HookType } from '../event/hook-type.js';
import type { PluginHooks } from '../hook-api/hooks.js';
import { createLogger, invocationLogger, type PluginLogger } from '../log/logger.js';
import { errorResponse, successResponse } from '../respond/respond.js';
import { traceFrom } from '../trace/trace.js';
import { createTracing } from '../tracing/tracing.js';
import { authenticate } from './authenticate.js';
import { runHook } from './run-hook.js';

export interface HandlerOptions {
  config: RuntimeConfig;
  hooks: PluginHooks;
  /** For the tracer's view of the environment (defaults to `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** The container's clock for cache lifetimes (tests move it forward). Defaults to `Date.now`. */
  clock?: () => number;
}

/** The Lambda context fields the runtime uses; the dev server passes a look-alike. */
export type InvocationContext = Pick<Context, 'getRemainingTimeInMillis'> &
  Partial<Pick<Context, 'awsRequestId'>>;

export type PluginHandler = (event: unknown, context?: InvocationContext) => Promise<FunctionUrlResult>;

/** Answer this long before the Lambda's deadline, so a slow BioT becomes a 504, not a timeout. */
const DEADLINE_MARGIN_MS = 250;
/** Without a Lambda context (direct use in scripts), assume Lambda's 30 s default. */
const DEFAULT_BUDGET_MS = 30_000;

/**
 * Builds the Lambda handler. Everything that should live as long as the container does (logger,
 * key cache, service session, HTTP client) is created here, once; everything about one
 * invocation (trace, logger child, deadline, client binding) is created per call.
 */
export function createHandler(options: HandlerOptions): PluginHandler {
  const { config, hooks } = options;
  const logger = createLogger(config);
  const tracing = createTracing({ serviceName: config.appName, env: options.env ?? process.env });
  const http = new BiotHttp({
    baseUrl: config.baseUrl,
    timeoutMs: config.httpTimeoutMs,
    retryLimit: config.httpRetryLimit,
    tracing,
  });
  const keys = new PublicKeyStore({
    ...(config.publicKey ? { staticKey: config.publicKey } : {}),
    ...(options.clock ? { now: options.clock } : {}),
    fetchKeys: (scope) =>
      http.call<PublicKeyPair>({ method: 'GET', path: '/ums/v1/security/public-key', ...scope }),
  });
  const session = new ServiceSession({
    serviceUserId: config.serviceUserId,
    secrets: secretSource(config),
    login: (credentials, scope) => serviceLogin(http, credentials, scope),
    ...(options.clock ? { now: options.clock } : {}),
  });
  if (!config.validateJwt) {
    logger.warn(
      'BIOT_SHOULD_VALIDATE_JWT is false: BioT tokens are NOT verified. Never do this in production.',
    );
  }

  return async function handler(event, context) {
    const startedAt = Date.now();
    const headers = headersOf(event);
    const trace = traceFrom(headers.traceparent);
    const log = invocationLogger(logger, trace.traceId);
    const deadline =
      startedAt + (context?.getRemainingTimeInMillis() ?? DEFAULT_BUDGET_MS) - DEADLINE_MARGIN_MS;
    const scope = { deadline, traceparent: trace.traceparent };
    let hookType: HookType | undefined;
    try {
      const incoming = extractEvent(event, headers);
      hookType = incoming.hookType;
      await authenticate(incoming, keys, config, scope);
      const biot: BiotClient = createBiotClient(http, session, scope);
      const answer = await runHook(incoming, hooks, {
        biot,
        logger: log,
        trace,
        remainingTimeMs: () => Math.max(0, deadline - Date.now()),
      });
      log.info('Event handled', { hookType, statusCode: 200, durationMs: Date.now() - startedAt });
      return successResponse(answer, trace);
    } catch (error) {
      const response = errorResponse(error, trace, config);
      logFailure(log, error, {
        hookType,
        statusCode: response.statusCode,
        durationMs: Date.now() - startedAt,
      });
      return response;
    }
  };
}

function secretSource(config: RuntimeConfig): SecretSource | undefined {
  if (config.secretArn) return secretsManagerSecretSource(config.secretArn, config.secretMaxAgeSeconds);
  if (config.secretKey) return environmentSecretSource(config.secretKey);
  return undefined;
}

/** Expected refusals (4xx) are warnings without a stack; failures (5xx) are errors with one. */
function logFailure(log: PluginLogger, error: unknown, fields: Record<string, unknown>): void {
  if (error instanceof PluginError && error.status < 500) {
    log.warn('Event refused', { ...fields, code: error.code, reason: error.message });
  } else {
    log.error('Event failed', {
      ...fields,
      code: error instanceof PluginError ? error.code : undefined,
      error,
    });
  }
}
