/**
 * The health check: a direct invocation (Lambda Invoke, IAM-authorised) whose payload is exactly
 * `{"biotPluginHealthCheck": 1}`. `pnpm ops verify` sends it right after a deploy; an operator may
 * too (`aws lambda invoke --payload '{"biotPluginHealthCheck":1}'`). The plugin then reads its
 * service-user secret, fetches BioT's public key and logs in, and answers a report per step. It
 * runs no hook. Through the Function URL the same body is an ordinary call without `hooktype`,
 * refused like any other (403 SCHEDULED_VIA_URL_DISABLED): only IAM can start a health check.
 *
 * The key is reserved: a direct invocation carrying it with anything else (another version, more
 * keys) is refused with 400 INVALID_EVENT rather than handed to the scheduled hook.
 */
export const HEALTH_CHECK_KEY = 'biotPluginHealthCheck';
export const HEALTH_CHECK_VERSION = 1;
export const HEALTH_CHECK_EVENT = { [HEALTH_CHECK_KEY]: HEALTH_CHECK_VERSION } as const;

/** The steps, in the order they run: what a BioT call needs before any hook can run. */
export const HEALTH_CHECK_STEPS = ['secret', 'publicKey', 'login'] as const;
export type HealthCheckStepName = (typeof HEALTH_CHECK_STEPS)[number];

/** One step's outcome. Never a secret, a key or a token: codes, messages and non-secret ids only. */
export interface HealthCheckStep {
  readonly name: HealthCheckStepName;
  readonly ok: boolean;
  /** How long the step took; 0 for a step skipped because an earlier one failed. */
  readonly ms: number;
  /** On failure: the runtime's error code (SECRET_UNAVAILABLE, SERVICE_LOGIN_FAILED, …), or SKIPPED. */
  readonly code?: string;
  /** On failure, what went wrong; on success, what was checked (e.g. the secret's BioT key id). */
  readonly message?: string;
  /** Non-secret facts about the failure: the upstream status and code, the AWS error's name. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The body of the health check's answer (200 when every step passed, 503 otherwise). */
export interface HealthCheckReport {
  readonly [HEALTH_CHECK_KEY]: typeof HEALTH_CHECK_VERSION;
  readonly ok: boolean;
  readonly steps: readonly HealthCheckStep[];
}
