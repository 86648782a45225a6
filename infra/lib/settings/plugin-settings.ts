/**
 * What one deployed plugin runs with, and the checks synth runs on it. Plain data and plain
 * functions: the config, ops and the CDK constructs share them, and none of them needs aws-cdk-lib.
 */

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
  /** Lambda memory in MB (128–10240); CPU grows with it, so it also shortens cold starts. */
  readonly memoryMb: number;
  /** Lambda timeout in seconds (1–900). Interceptors run inside a BioT API call: keep it short. */
  readonly timeoutSeconds: number;
  /**
   * Reserved concurrency: caps the plugin and guarantees it that much of the account's pool.
   * Accounts must keep 10 unreserved, so a new account (limit 10) cannot reserve any.
   * @default - no reservation: the plugin shares the account's unreserved pool
   */
  readonly reservedConcurrency?: number;
  /** How many days the plugin's logs are kept: one of CloudWatch's periods (CLOUDWATCH_RETENTION_DAYS). */
  readonly logRetentionDays: LogRetentionDays;
  /** POWERTOOLS_LOG_LEVEL. @default 'INFO' (the runtime's default) */
  readonly logLevel?: LogLevel;
  /** Where alarm notifications go. @default - alarms are created without a notification */
  readonly alarmEmail?: string;
  readonly jwt?: JwtSettings;
  /** Days between rotations of the service-user key (Secrets Manager allows 1–1000). @default 30 */
  readonly rotationIntervalDays?: number;
}

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
  } = settings;
  if (serviceUserId !== undefined && !UUID.test(serviceUserId)) {
    problems.push(`${at('serviceUserId')} "${serviceUserId}" is not a UUID`);
  }
  if (existingSecretArn !== undefined && !SECRET_COMPLETE_ARN.test(existingSecretArn)) {
    problems.push(
      `${at('existingSecretArn')} "${existingSecretArn}" is not a complete Secrets Manager ARN ` +
        '(it ends in "-" and 6 characters, as `aws secretsmanager describe-secret` prints it)',
    );
  }
  if (memoryMb !== undefined && !isIntegerIn(memoryMb, 128, 10_240)) {
    problems.push(`${at('memoryMb')} ${memoryMb} is not 128–10240`);
  }
  if (timeoutSeconds !== undefined && !isIntegerIn(timeoutSeconds, 1, 900)) {
    problems.push(`${at('timeoutSeconds')} ${timeoutSeconds} is not 1–900`);
  }
  if (reservedConcurrency !== undefined && !isIntegerIn(reservedConcurrency, 0, Number.MAX_SAFE_INTEGER)) {
    problems.push(`${at('reservedConcurrency')} ${reservedConcurrency} is not a whole number ≥ 0`);
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
