/**
 * What one deployed plugin runs with, and the checks synth runs on it. Plain data and plain
 * functions: the config, ops and the CDK constructs share them, and none of them needs aws-cdk-lib.
 */
import { DEFAULTS } from '@biot-plugin/core';
import {
  type AlarmSettings,
  alarmDeploymentProblems,
  alarmSettingsProblems,
  type ResolvedAlarmSettings,
  resolveAlarmSettings,
} from './alarm-settings.js';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/**
 * The retention periods CloudWatch Logs accepts (PutRetentionPolicy); any other number fails the
 * deploy, so synth refuses it first. A test pins this list to aws-cdk-lib's RetentionDays.
 */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
export type LogRetentionDays = (typeof CLOUDWATCH_RETENTION_DAYS)[number];

/** How the runtime checks the JWT that BioT signs every event with (BIOT-CONTRACT.md §3). */
export interface JwtSettings {
  /**
   * `false` turns the JWT check off. The Function URL has auth NONE (BioT cannot sign SigV4), so
   * the JWT check is the only authentication: allowed only where `production` is `false`.
   * @default true
   */
  readonly validate?: boolean;
  /** Scope a notification token must carry. @default 'ACTION_NOTIFICATION' (the runtime's default) */
  readonly notificationScope?: string;
  /** Scope an interceptor token must carry. @default 'PLUGIN_INTERCEPTOR' (the runtime's default) */
  readonly interceptionScope?: string;
}

/** The Lambdas of a plugin's stack, each with its own log level (`logLevels`). */
export const STACK_LAMBDAS = ['plugin', 'rotation', 'registration'] as const;
export type StackLambda = (typeof STACK_LAMBDAS)[number];

/**
 * The settings of one plugin in one environment. An environment sets them for every plugin it
 * deploys; a plugin's entry overrides any of them for that plugin.
 */
export interface PluginSettings {
  /** BIOT_SERVICE_USER_ID: UUID of the service user the plugin logs in as; one per plugin. */
  readonly serviceUserId: string;
  /**
   * Complete ARN (with the 6-character suffix) of an existing secret holding `{"keyId","secretKey"}`.
   * @default - the stack creates the secret with a placeholder
   */
  readonly existingSecretArn?: string;
  /**
   * UUID of the plugin's *operations* service user: the rotation Lambda and the registration custom
   * resource log in as it (to mint and delete the plugin user's keys, and to change BioT's
   * subscriptions), so the plugin's own user needs only what its hooks call. It has its own secret
   * and its own rotation; the plugin function cannot read that secret.
   * @default - no operations user: rotation and registration log in as the plugin's service user,
   *   which then needs their permissions too (infra/README.md, "BioT service users")
   */
  readonly operationsUserId?: string;
  /**
   * Complete ARN of an existing secret holding the operations user's `{"keyId","secretKey"}`.
   * @default - with `operationsUserId`, the stack creates it with a placeholder
   */
  readonly existingOperationsSecretArn?: string;
  /** Lambda memory in MB (128–10240); CPU grows with it, so it also shortens cold starts. */
  readonly memoryMb: number;
  /** Lambda timeout in seconds (1–900). Interceptors run inside a BioT API call: keep it short. */
  readonly timeoutSeconds: number;
  /**
   * Reserved concurrency of the plugin function: caps it (a flood of calls is throttled at this
   * many at once instead of taking the account's pool) and guarantees it that much. `false` for
   * none, e.g. in a new account whose concurrency limit is 10 (AWS keeps 100 unreserved).
   * @default DEFAULT_RESERVED_CONCURRENCY (10)
   */
  readonly reservedConcurrency?: number | false;
  /** How many days the plugin's logs are kept: one of CloudWatch's periods (CLOUDWATCH_RETENTION_DAYS). */
  readonly logRetentionDays: LogRetentionDays;
  /** POWERTOOLS_LOG_LEVEL of every Lambda of the stack. @default 'INFO' (the runtime's default) */
  readonly logLevel?: LogLevel;
  /** The log level of one Lambda of the stack, over `logLevel` (`{ rotation: 'DEBUG' }`). */
  readonly logLevels?: Partial<Record<StackLambda, LogLevel>>;
  /** Where alarm notifications go. @default - alarms are created without a notification */
  readonly alarmEmail?: string;
  readonly jwt?: JwtSettings;
  /** Days between rotations of the service-user keys (Secrets Manager allows 1–1000). @default 30 */
  readonly rotationIntervalDays?: number;
  /** BIOT_SECRET_MAX_AGE_SECONDS: how long the plugin caches its secret (0–3600). @default 300 */
  readonly secretMaxAgeSeconds?: number;
  /** BIOT_PUBLIC_KEY_MAX_AGE_SECONDS: how long a fetched BioT public key is trusted (60–86400). @default 3600 */
  readonly publicKeyMaxAgeSeconds?: number;
  /**
   * BIOT_HTTP_TIMEOUT_MS of the plugin, rotation and registration Lambdas: the upper bound of one
   * BioT call attempt (100–60000, and below the plugin's timeout). @default 5000
   */
  readonly biotTimeoutMs?: number;
  /** BIOT_HTTP_RETRY_LIMIT: retries of a failed idempotent BioT call (0–10). @default 2 */
  readonly biotRetryLimit?: number;
  /**
   * Runs the check for exact repeats of a notification (same token, same body) across containers:
   * the stack creates a DynamoDB table for it (Powertools Idempotency) and passes its name in
   * BIOT_IDEMPOTENCY_TABLE. Without it the check holds per container only.
   * @default false
   */
  readonly repeatCheckAcrossContainers?: boolean;
  /**
   * The thresholds of the plugin's alarms (and the dashboard's lines for them); a plugin entry's
   * keys override the environment's one by one.
   * @default DEFAULT_ALARM_SETTINGS, and no NotificationSilence alarm
   */
  readonly alarms?: AlarmSettings;
  /**
   * How a production deploy shifts traffic to the new version (CodeDeploy): `percent` of it for
   * `minutes`, then all, rolled back when the plugin's alarms fire in between. Production only;
   * other environments deploy all at once.
   * @default DEFAULT_CANARY (10 % for 5 minutes) in production
   */
  readonly canary?: CanarySettings;
}

/** A canary deploy: this share of the traffic goes to the new version for this long first. */
export interface CanarySettings {
  /** Whole per cent of the traffic, 1–99. */
  readonly percent: number;
  /** Whole minutes before the rest follows, 1–2880 (CodeDeploy's range). */
  readonly minutes: number;
}

/** The canary of a production deploy unless the environment sets its own. */
export const DEFAULT_CANARY: CanarySettings = { percent: 10, minutes: 5 };

/** Every plugin function reserves this much concurrency unless its settings say otherwise. */
export const DEFAULT_RESERVED_CONCURRENCY = 10;
/** AWS's default regional concurrency quota; an environment with another says so (`lambdaConcurrencyLimit`). */
export const DEFAULT_LAMBDA_CONCURRENCY_LIMIT = 1000;
/** Lambda refuses a reservation that leaves fewer than this many unreserved in the account. */
export const MINIMUM_UNRESERVED_CONCURRENCY = 100;

/** What the stack of one plugin in one environment is made from, resolved from the config. */
export interface PluginDeploymentSettings extends PluginSettings {
  /** BIOT_APP_NAME: the plugin's name in logs, error bodies and the stack's name. */
  readonly pluginName: string;
  /**
   * Whether this environment serves real users: `false` is the explicit mark that allows turning
   * JWT validation off; `true` also retains the secret and the log groups when the stack is
   * deleted and turns on termination protection.
   */
  readonly production: boolean;
  /** BIOT_BASE_URL, e.g. `https://api.int.biot-med.com`; https only (the service-user key goes there). */
  readonly biotBaseUrl: string;
  /** BIOT_SERVICE_ENVIRONMENT: BioT's name for the environment, e.g. `gen2int`; goes into error bodies. */
  readonly biotEnvironment: string;
}

/**
 * Every setting a plugin's stack is made from, the defaults applied: what the constructs get,
 * so a default is decided here, once, and not in three constructs.
 */
export interface ResolvedPluginSettings extends PluginDeploymentSettings {
  readonly reservedConcurrency: number | false;
  readonly logLevels: Readonly<Record<StackLambda, LogLevel>>;
  readonly rotationIntervalDays: number;
  readonly secretMaxAgeSeconds: number;
  readonly publicKeyMaxAgeSeconds: number;
  readonly biotTimeoutMs: number;
  readonly biotRetryLimit: number;
  readonly repeatCheckAcrossContainers: boolean;
  readonly alarms: ResolvedAlarmSettings;
  /** Present in production only: outside it a deploy shifts all traffic at once. */
  readonly canary?: CanarySettings;
  readonly jwt: Required<JwtSettings>;
}

/** BioT's own plugin default is 30 days between rotations. */
export const DEFAULT_ROTATION_INTERVAL_DAYS = 30;

/** The settings with every default applied; the runtime's defaults come from the runtime's DEFAULTS. */
export function withDefaults(settings: PluginDeploymentSettings): ResolvedPluginSettings {
  const logLevel = settings.logLevel ?? (DEFAULTS.logLevel as LogLevel);
  return {
    ...settings,
    reservedConcurrency: settings.reservedConcurrency ?? DEFAULT_RESERVED_CONCURRENCY,
    logLevels: Object.fromEntries(
      STACK_LAMBDAS.map((lambda) => [lambda, settings.logLevels?.[lambda] ?? logLevel]),
    ) as Record<StackLambda, LogLevel>,
    rotationIntervalDays: settings.rotationIntervalDays ?? DEFAULT_ROTATION_INTERVAL_DAYS,
    secretMaxAgeSeconds: settings.secretMaxAgeSeconds ?? DEFAULTS.secretMaxAgeSeconds,
    publicKeyMaxAgeSeconds: settings.publicKeyMaxAgeSeconds ?? DEFAULTS.publicKeyMaxAgeSeconds,
    biotTimeoutMs: settings.biotTimeoutMs ?? DEFAULTS.httpTimeoutMs,
    biotRetryLimit: settings.biotRetryLimit ?? DEFAULTS.httpRetryLimit,
    repeatCheckAcrossContainers: settings.repeatCheckAcrossContainers ?? false,
    alarms: resolveAlarmSettings(settings.alarms),
    canary: settings.production ? (settings.canary ?? DEFAULT_CANARY) : undefined,
    jwt: {
      validate: settings.jwt?.validate ?? true,
      notificationScope: settings.jwt?.notificationScope ?? DEFAULTS.notificationScope,
      interceptionScope: settings.jwt?.interceptionScope ?? DEFAULTS.interceptionScope,
    },
  };
}

/**
 * Problems only the resolved settings of one plugin show: values from the environment and the
 * entry that do not fit together.
 */
export function deploymentProblems(settings: PluginDeploymentSettings, path: string): string[] {
  const problems: string[] = [];
  const resolved = withDefaults(settings);
  if (resolved.biotTimeoutMs >= settings.timeoutSeconds * 1000) {
    problems.push(
      `${path}biotTimeoutMs ${resolved.biotTimeoutMs} is not below the plugin's timeout ` +
        `(${settings.timeoutSeconds} s): one BioT call would outlive the invocation`,
    );
  }
  problems.push(
    ...alarmDeploymentProblems(
      resolved.alarms,
      {
        timeoutSeconds: settings.timeoutSeconds,
        ...(resolved.canary === undefined ? {} : { canaryMinutes: resolved.canary.minutes }),
      },
      path,
    ),
  );
  if (settings.existingOperationsSecretArn !== undefined && settings.operationsUserId === undefined) {
    problems.push(
      `${path}existingOperationsSecretArn is set but operationsUserId is not: whose key does the secret hold?`,
    );
  }
  if (settings.operationsUserId !== undefined && settings.operationsUserId === settings.serviceUserId) {
    problems.push(
      `${path}operationsUserId is the plugin's serviceUserId: the operations user must be another ` +
        "service user, or the plugin's key could again mint keys and change subscriptions",
    );
  }
  return problems;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECRET_COMPLETE_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const LOG_LEVELS: readonly string[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'] satisfies LogLevel[];

/**
 * Every problem of the plugin settings that are present, each message starting with `path` (where
 * the value is written: `''` for an environment's own, `plugins.<name>.` for a plugin's entry).
 */
export function pluginSettingsProblems(settings: Partial<PluginSettings>, path = ''): string[] {
  const problems: string[] = [];
  const at = (field: string) => `${path}${field}`;
  const {
    serviceUserId,
    existingSecretArn,
    memoryMb,
    timeoutSeconds,
    reservedConcurrency,
    logRetentionDays,
    logLevel,
    alarmEmail,
    jwt,
    rotationIntervalDays,
    operationsUserId,
    existingOperationsSecretArn,
    logLevels,
    secretMaxAgeSeconds,
    publicKeyMaxAgeSeconds,
    biotTimeoutMs,
    biotRetryLimit,
    repeatCheckAcrossContainers,
    canary,
  } = settings;
  if (serviceUserId !== undefined && !UUID.test(serviceUserId)) {
    problems.push(`${at('serviceUserId')} "${serviceUserId}" is not a UUID`);
  }
  if (operationsUserId !== undefined && !UUID.test(operationsUserId)) {
    problems.push(`${at('operationsUserId')} "${operationsUserId}" is not a UUID`);
  }
  for (const [field, arn] of [
    ['existingSecretArn', existingSecretArn],
    ['existingOperationsSecretArn', existingOperationsSecretArn],
  ] as const) {
    if (arn !== undefined && !SECRET_COMPLETE_ARN.test(arn)) {
      problems.push(
        `${at(field)} "${arn}" is not a complete Secrets Manager ARN ` +
          '(it ends in "-" and 6 characters, as `aws secretsmanager describe-secret` prints it)',
      );
    }
  }
  if (memoryMb !== undefined && !isIntegerIn(memoryMb, 128, 10_240)) {
    problems.push(`${at('memoryMb')} ${memoryMb} is not 128–10240`);
  }
  if (timeoutSeconds !== undefined && !isIntegerIn(timeoutSeconds, 1, 900)) {
    problems.push(`${at('timeoutSeconds')} ${timeoutSeconds} is not 1–900`);
  }
  if (
    reservedConcurrency !== undefined &&
    reservedConcurrency !== false &&
    !isIntegerIn(reservedConcurrency, 1, Number.MAX_SAFE_INTEGER)
  ) {
    problems.push(
      `${at('reservedConcurrency')} ${reservedConcurrency} is not a whole number ≥ 1 ` +
        '(0 would throttle every call; use false for no reservation)',
    );
  }
  if (logRetentionDays !== undefined && !isLogRetentionDays(logRetentionDays)) {
    problems.push(
      `${at('logRetentionDays')} ${logRetentionDays} is not a period CloudWatch Logs keeps logs for; ` +
        `use one of ${CLOUDWATCH_RETENTION_DAYS.join(', ')}`,
    );
  }
  if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel)) {
    problems.push(`${at('logLevel')} "${logLevel}" is not one of ${LOG_LEVELS.join(', ')}`);
  }
  for (const [lambda, level] of Object.entries(logLevels ?? {})) {
    if (!(STACK_LAMBDAS as readonly string[]).includes(lambda)) {
      problems.push(
        `${at(`logLevels.${lambda}`)} names no Lambda of the stack (${STACK_LAMBDAS.join(', ')})`,
      );
    } else if (level !== undefined && !LOG_LEVELS.includes(level)) {
      problems.push(`${at(`logLevels.${lambda}`)} "${level}" is not one of ${LOG_LEVELS.join(', ')}`);
    }
  }
  const ranges = [
    ['secretMaxAgeSeconds', secretMaxAgeSeconds, 0, 3600],
    ['publicKeyMaxAgeSeconds', publicKeyMaxAgeSeconds, 60, 86_400],
    ['biotTimeoutMs', biotTimeoutMs, 100, 60_000],
    ['biotRetryLimit', biotRetryLimit, 0, 10],
  ] as const;
  for (const [field, value, min, max] of ranges) {
    if (value !== undefined && !isIntegerIn(value, min, max)) {
      problems.push(`${at(field)} ${value} is not a whole number ${min}–${max}`);
    }
  }
  problems.push(...alarmSettingsProblems(settings, path));
  if (canary !== undefined) {
    if (typeof canary !== 'object' || canary === null) {
      problems.push(`${at('canary')} must be { percent, minutes }`);
    } else {
      if (!isIntegerIn(canary.percent, 1, 99)) {
        problems.push(`${at('canary.percent')} ${canary.percent} is not a whole number 1–99`);
      }
      if (!isIntegerIn(canary.minutes, 1, 2880)) {
        problems.push(
          `${at('canary.minutes')} ${canary.minutes} is not a whole number 1–2880 (CodeDeploy's range)`,
        );
      }
    }
  }
  if (repeatCheckAcrossContainers !== undefined && typeof repeatCheckAcrossContainers !== 'boolean') {
    problems.push(`${at('repeatCheckAcrossContainers')} must be true or false`);
  }
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail)) {
    problems.push(`${at('alarmEmail')} "${alarmEmail}" is not an e-mail address`);
  }
  if (jwt?.notificationScope === '') {
    problems.push(`${at('jwt.notificationScope')} is empty; omit it for the default`);
  }
  if (jwt?.interceptionScope === '') {
    problems.push(`${at('jwt.interceptionScope')} is empty; omit it for the default`);
  }
  if (rotationIntervalDays !== undefined && !isIntegerIn(rotationIntervalDays, 1, 1000)) {
    problems.push(
      `${at('rotationIntervalDays')} ${rotationIntervalDays} is not 1–1000 (Secrets Manager's range)`,
    );
  }
  return problems;
}

/** A canary shifts traffic in production only; elsewhere a deploy is all at once, and saying otherwise is a mistake. */
export function canaryGuardProblems(
  { canary, production }: Pick<PluginDeploymentSettings, 'canary' | 'production'>,
  path = '',
): string[] {
  if (canary === undefined || production === true) return [];
  return [
    `${path}canary is set but the environment is not production: outside production a deploy shifts ` +
      'all traffic at once (no CodeDeploy); remove canary or mark the environment production: true',
  ];
}

/**
 * The guard on turning the JWT check off: the Function URL has auth NONE, so the JWT is the only
 * authentication, and only an environment marked `production: false` may go without it.
 */
export function jwtGuardProblems(
  { jwt, production }: Pick<PluginDeploymentSettings, 'jwt' | 'production'>,
  path = '',
): string[] {
  if (jwt?.validate !== false || production === false) return [];
  return [
    `${path}jwt.validate is false but the environment is not marked non-production (production: false). ` +
      'The Function URL has auth NONE, so the JWT check is the only authentication.',
  ];
}

export function isLogRetentionDays(days: number): days is LogRetentionDays {
  return (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days);
}

export function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
