import {
  type BiotHttp,
  ConfigurationError,
  InvalidServiceSecretError,
  PluginError,
  type SecretSource,
  SecretUnavailableError,
  ServiceLoginError,
  type ServiceSecret,
  serviceLogin,
  type Trace,
} from '@biot-plugin/core';
import { importBiotPublicKey } from '../auth/public-key.js';
import type { PublicKeyPair } from '../auth/public-key-store.js';
import type { RuntimeConfig } from '../config/config.js';
import type { FunctionUrlResult } from '../event/function-url-event.js';
import {
  HEALTH_CHECK_KEY,
  HEALTH_CHECK_VERSION,
  type HealthCheckReport,
  type HealthCheckStep,
  type HealthCheckStepName,
} from '../event/health-check-event.js';
import type { PluginLogger } from '../log/logger.js';
import type { AuthScope } from './authenticate.js';

export interface HealthCheckOptions {
  config: RuntimeConfig;
  http: BiotHttp;
  /** The session's own source, so the check proves what a hook's first BioT call would use. */
  secrets: SecretSource | undefined;
  /** Told every secret value the check holds (the key, the access token), for log scrubbing. */
  onSecret: (value: string) => void;
}

export type HealthCheck = (scope: AuthScope, trace: Trace, log: PluginLogger) => Promise<FunctionUrlResult>;

/**
 * The health check's run (health-check-event.ts): everything a hook's first BioT call needs,
 * each step on its own and fresh, bypassing the container's caches (the secret is read again,
 * the key fetched again, a new login made and its token dropped), so the answer says what works
 * now. It never runs a hook and never answers a secret, a key or a token.
 */
export function createHealthCheck(options: HealthCheckOptions): HealthCheck {
  const { config, http, secrets, onSecret } = options;
  return async (scope, trace, log) => {
    const steps: HealthCheckStep[] = [];
    const secret = await step(steps, 'secret', async () => {
      if (secrets === undefined) {
        throw new ConfigurationError(
          'Neither BIOT_SERVICE_USER_SECRET_ARN nor BIOT_SERVICE_USER_SECRET_KEY is set',
        );
      }
      const value = await secrets.read({ forceFetch: true });
      onSecret(value.secretKey);
      return { value, message: secretMessage(config, value) };
    });
    await step(steps, 'publicKey', async () => {
      if (config.publicKey !== undefined) {
        importBiotPublicKey(config.publicKey);
        return {
          value: undefined,
          message: 'BIOT_PUBLIC_KEY is set: the fixed key imports; BioT is not asked',
        };
      }
      const pair = await http.call<PublicKeyPair>({
        method: 'GET',
        path: '/ums/v1/security/public-key',
        ...scope,
      });
      try {
        importBiotPublicKey(pair.publicKey);
      } catch (error) {
        throw new PublicKeyRefusedError(error);
      }
      return { value: undefined, message: `fetched from ${config.baseUrl}` };
    });
    if (secret === undefined) {
      steps.push({ name: 'login', ok: false, ms: 0, code: 'SKIPPED', message: 'No secret to log in with' });
    } else {
      await step(steps, 'login', async () => {
        if (!config.serviceUserId) throw new ConfigurationError('BIOT_SERVICE_USER_ID is not set');
        const token = await serviceLogin(
          http,
          { id: config.serviceUserId, secretKey: secret.secretKey },
          scope,
        );
        onSecret(token.accessToken);
        return { value: undefined, message: `logged in as service user ${config.serviceUserId}` };
      });
    }
    const report: HealthCheckReport = {
      [HEALTH_CHECK_KEY]: HEALTH_CHECK_VERSION,
      ok: steps.every((s) => s.ok),
      steps,
    };
    if (report.ok) log.info('Health check passed', { healthCheck: report });
    else log.warn('Health check failed', { healthCheck: report });
    return {
      statusCode: report.ok ? 200 : 503,
      headers: { 'content-type': 'application/json', traceparent: trace.traceparent },
      body: JSON.stringify(report),
    };
  };
}

/** Runs one step, records its outcome; answers its value, or undefined when it failed. */
async function step<T>(
  steps: HealthCheckStep[],
  name: HealthCheckStepName,
  run: () => Promise<{ value: T; message: string }>,
): Promise<T | undefined> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const { value, message } = await run();
    steps.push({ name, ok: true, ms: ms(), message });
    return value;
  } catch (error) {
    steps.push({ name, ok: false, ms: ms(), ...failure(error) });
    return undefined;
  }
}

function secretMessage(config: RuntimeConfig, secret: ServiceSecret): string {
  const where = config.secretArn
    ? `read from Secrets Manager (${config.secretArn})`
    : 'BIOT_SERVICE_USER_SECRET_KEY';
  return secret.keyId === undefined ? where : `${where}, BioT key id ${secret.keyId}`;
}

/** BioT served something that is not a usable RSA key. */
class PublicKeyRefusedError extends PluginError {
  readonly status = 502;
  readonly code = 'PUBLIC_KEY_INVALID';
  constructor(cause: unknown) {
    super(`BioT's public key does not import: ${cause instanceof Error ? cause.message : 'unknown reason'}`);
  }
}

/**
 * A failure as the report shows it: the error family's code and message (written never to hold a
 * secret), the upstream status and code, and the name of the AWS error under a Secrets Manager
 * failure (AccessDeniedException, ResourceNotFoundException). Anything else is named, not quoted.
 */
function failure(error: unknown): Pick<HealthCheckStep, 'code' | 'message' | 'details'> {
  if (!(error instanceof PluginError)) {
    return {
      code: 'INTERNAL_SERVER_ERROR',
      message: `Failed unexpectedly (${error instanceof Error ? error.name : typeof error})`,
    };
  }
  const details: Record<string, unknown> = {};
  if (error instanceof ServiceLoginError) {
    details.upstreamStatus = error.upstreamStatus;
    if (error.upstreamCode !== undefined) details.upstreamCode = error.upstreamCode;
  } else if (error instanceof SecretUnavailableError) {
    if (error.placeholder) details.placeholder = true;
    else if (error.cause instanceof Error && !(error.cause instanceof InvalidServiceSecretError)) {
      details.awsError = error.cause.name;
    }
  } else {
    for (const key of ['upstreamStatus', 'upstreamCode', 'route'] as const) {
      if (error.details[key] !== undefined) details[key] = error.details[key];
    }
  }
  return {
    code: error.code,
    message: error.publicMessage,
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
}
