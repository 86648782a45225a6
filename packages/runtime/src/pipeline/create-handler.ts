import {
  BiotHttp,
  ConfigurationError,
  createTracing,
  environmentSecretSource,
  PluginError,
  type SecretSource,
  ServiceSession,
  secretsManagerSecretSource,
  serviceLogin,
  traceFrom,
} from '@biot-plugin/core';
import type { Context } from 'aws-lambda';
import { PUBLIC_KEY_PATH, type PublicKeyPair, PublicKeyStore } from '../auth/public-key-store.js';
import { MAX_CLOCK_TOLERANCE_SECONDS } from '../auth/verify-token.js';
import { type BiotClient, createBiotClient } from '../biot/biot-client.js';
import type { RuntimeConfig } from '../config/config.js';
import { HookTimeoutError } from '../errors.js';
import { extractEvent, headersOf, isHealthCheck } from '../event/extract.js';
import type { FunctionUrlEvent, FunctionUrlResult } from '../event/function-url-event.js';
import { HOOK_TYPES, type HookName, hookForHooktype } from '../hook-types.js';
import { loggableError } from '../log/loggable-error.js';
import { createLogger, invocationLogger, type PluginLogger } from '../log/logger.js';
import { KnownSecrets } from '../log/redact.js';
import { InvocationMetrics } from '../metrics/invocation-metrics.js';
import type { PluginDefinition } from '../plugin/define-plugin.js';
import { dynamoDbRepeatStore } from '../replay/dynamodb-repeat-store.js';
import { RepeatCheck } from '../replay/repeat-check.js';
import { SeenEvents } from '../replay/seen-events.js';
import { answerOutcome, errorResponse, successResponse } from '../respond/respond.js';
import { authenticate } from './authenticate.js';
import { createHealthCheck } from './health-check.js';
import { runHook } from './run-hook.js';

export interface HandlerOptions {
  config: RuntimeConfig;
  /** The plugin's definition (`definePlugin`): its hooks run for the events BioT sends. */
  plugin: PluginDefinition;
  /**
   * The process environment as Lambda sets it (defaults to `process.env`): X-Ray's per-invocation
   * `_X_AMZN_TRACE_ID` and the daemon's address; the credentials, region and endpoint the secret
   * is read with.
   */
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
/**
 * The hook itself gets this much past the BioT calls' deadline (still well inside the margin):
 * a hook stuck in a BioT call is then reported as the more telling BIOT_TIMEOUT.
 */
const HOOK_GRACE_MS = 50;
/** Without a Lambda context (direct use in scripts), assume Lambda's 30 s default. */
const DEFAULT_BUDGET_MS = 30_000;

/**
 * Builds the Lambda handler. Everything that should live as long as the container does (logger,
 * key cache, service session, HTTP client) is created here, once; everything about one
 * invocation (trace, logger child, deadline, client binding) is created per call.
 */
export function createHandler(options: HandlerOptions): PluginHandler {
  const { config, plugin } = options;
  const repeats = new RepeatCheck(
    new SeenEvents(10_000, options.clock),
    config.idempotencyTable
      ? dynamoDbRepeatStore({ tableName: config.idempotencyTable, keyPrefix: config.appName })
      : undefined,
  );
  const secrets = new KnownSecrets();
  secrets.add(config.secretKey);
  const logger = createLogger(config, secrets);
  const env = options.env ?? process.env;
  const tracing = createTracing({ env });
  const metrics = new InvocationMetrics({
    appName: config.appName,
    environment: config.environment,
    logger,
    env,
  });
  const http = new BiotHttp({
    baseUrl: config.baseUrl,
    timeoutMs: config.httpTimeoutMs,
    retryLimit: config.httpRetryLimit,
    tracing,
    onCall: metrics.observeBiotCall,
  });
  const keys = new PublicKeyStore({
    ...(config.publicKey ? { staticKey: config.publicKey } : {}),
    maxAgeMs: config.publicKeyMaxAgeSeconds * 1000,
    ...(options.clock ? { now: options.clock } : {}),
    fetchKeys: (scope) => http.call<PublicKeyPair>({ method: 'GET', path: PUBLIC_KEY_PATH, ...scope }),
  });
  const serviceSecret = secretSource(config, env);
  const session = new ServiceSession({
    serviceUserId: config.serviceUserId,
    secrets: serviceSecret,
    login: (credentials, scope) => serviceLogin(http, credentials, scope),
    onSecret: (value) => secrets.add(value),
    ...(options.clock ? { now: options.clock } : {}),
  });
  const healthCheck = createHealthCheck({
    config,
    http,
    secrets: serviceSecret,
    onSecret: (value) => secrets.add(value),
  });
  const misconfigured =
    config.problems.length > 0
      ? new ConfigurationError(`The plugin is misconfigured: ${config.problems.join('; ')}`)
      : undefined;
  if (misconfigured) logger.error(misconfigured.message);
  if (!config.validateJwt) {
    logger.warn(
      'BIOT_SHOULD_VALIDATE_JWT is false: BioT tokens are NOT verified. Never do this in production.',
    );
  }

  return async function handler(event, context) {
    const startedAt = Date.now();
    const started = performance.now();
    const headers = headersOf(event);
    const trace = traceFrom(headers.traceparent);
    const log = invocationLogger(logger, trace.traceId);
    const deadline =
      startedAt + (context?.getRemainingTimeInMillis() ?? DEFAULT_BUDGET_MS) - DEADLINE_MARGIN_MS;
    const scope = { deadline, traceparent: trace.traceparent };
    let hook: HookName | undefined;
    let response: FunctionUrlResult;
    let failure: unknown;
    try {
      if (misconfigured) throw misconfigured;
      if (isHealthCheck(event)) return await healthCheck(scope, trace, log);
      const incoming = extractEvent(event, headers);
      hook = incoming.hook;
      // On a cold container the secret is read while BioT's key is fetched, not after it.
      session.prepare();
      const claims = await authenticate(incoming, keys, config, plugin, scope);
      // Made when the hook first reaches for it: most interceptors never call BioT.
      let biot: BiotClient | undefined;
      const remainingTimeMs = () => Math.max(0, deadline - Date.now());
      const run = () =>
        withinDeadline(deadline, incoming.hook, (signal) =>
          runHook(incoming, plugin.hooks, {
            get biot() {
              biot ??= createBiotClient(http, session, scope);
              return biot;
            },
            logger: log,
            trace,
            signal,
            remainingTimeMs,
          }),
        );
      const outcome =
        incoming.hook === 'notification' && claims !== undefined && incoming.token !== undefined
          ? await repeats.runOnce({
              token: incoming.token,
              body: String((event as FunctionUrlEvent).body),
              // Until the token would be refused: a repeat is possible as long as it is accepted.
              expiresAtMs: (claims.exp + MAX_CLOCK_TOLERANCE_SECONDS) * 1000,
              remainingTimeMs,
              log,
              run,
            })
          : { repeated: false as const, answer: await run() };
      if (outcome.repeated) {
        // The same token and body again: a replay, or BioT's own retry. Answered, not run twice.
        log.info('Repeated notification not run again', { hook, statusCode: 200 });
        response = successResponse(undefined, trace);
      } else {
        response = successResponse(outcome.answer, trace);
        log.info('Event handled', { hook, statusCode: 200, durationMs: Date.now() - startedAt });
      }
    } catch (error) {
      failure = error;
      response = errorResponse(error, trace, config);
      logFailure(log, error, {
        hook,
        statusCode: response.statusCode,
        durationMs: Date.now() - startedAt,
      });
    }
    // Before the answer leaves: on Lambda, nothing runs once the handler has returned.
    metrics.flush({
      hookType: hookTypeDimension(hook, headers.hooktype),
      outcome: answerOutcome(failure),
      statusCode: response.statusCode,
      durationMs: performance.now() - started,
      traceId: trace.traceId,
    });
    return response;
  };
}

/**
 * The `HookType` dimension: BioT's hooktype, `SCHEDULED` for the scheduled hook, and for a call
 * refused before its event was read the hooktype header when it names one of BioT's, else
 * `UNKNOWN` (the header itself is the caller's input, never a dimension).
 */
function hookTypeDimension(hook: HookName | undefined, hooktypeHeader: string | undefined): string {
  const known = hook ?? (hooktypeHeader === undefined ? undefined : hookForHooktype(hooktypeHeader));
  if (known === undefined) return 'UNKNOWN';
  return HOOK_TYPES[known].hooktype ?? 'SCHEDULED';
}

function secretSource(config: RuntimeConfig, env: NodeJS.ProcessEnv): SecretSource | undefined {
  if (config.secretArn) {
    return secretsManagerSecretSource(config.secretArn, { maxAgeSeconds: config.secretMaxAgeSeconds, env });
  }
  if (config.secretKey) return environmentSecretSource(config.secretKey);
  return undefined;
}

/**
 * Races the hook against the invocation's deadline: a hook that never settles (a forgotten
 * await, a hung third-party call) is answered 504 HOOK_TIMEOUT in BioT's format before Lambda's
 * own timeout would answer AWS's bare 502, so a blocking interceptor fails closed and the log
 * says which hook. The hook's signal aborts at the same moment, for its own calls to honour.
 */
async function withinDeadline<T>(
  deadline: number,
  hook: HookName,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const budgetMs = Math.max(0, deadline - Date.now()) + HOOK_GRACE_MS;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new HookTimeoutError(hook, budgetMs);
      controller.abort(error);
      reject(error);
    }, budgetMs);
  });
  const work = run(controller.signal);
  // Whatever the abandoned hook does later must not surface as an unhandled rejection.
  work.catch(() => {});
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Expected refusals (4xx) are warnings without a stack; failures (5xx) are errors with one. */
function logFailure(log: PluginLogger, error: unknown, fields: Record<string, unknown>): void {
  if (error instanceof PluginError && error.status < 500) {
    log.warn('Event refused', { ...fields, code: error.code, reason: error.message });
  } else {
    log.error('Event failed', {
      ...fields,
      code: error instanceof PluginError ? error.code : undefined,
      error: loggableError(error),
    });
  }
}
