import type { RetentionDays } from 'aws-cdk-lib/aws-logs';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** How the runtime checks the JWT that BioT signs every event with (contract §3). */
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

/** What one deployed plugin needs to know; one set per environment. */
export interface BiotPluginSettings {
  /** BIOT_APP_NAME: the plugin's name in logs and traces; also names the stack. */
  readonly appName: string;
  /**
   * Whether this environment serves real users. Must be stated for every environment: `false` is
   * the explicit mark that allows turning JWT validation off; `true` also retains the secret and
   * the log group when the stack is deleted and turns on termination protection.
   */
  readonly production: boolean;
  /** BIOT_BASE_URL, e.g. `https://api.int.biot-med.com`; https only (the service-user key goes there). */
  readonly biotBaseUrl: string;
  /** BIOT_SERVICE_ENVIRONMENT: BioT's name for the environment, e.g. `gen2int`; goes into error bodies. */
  readonly biotEnvironment: string;
  /** BIOT_SERVICE_USER_ID: UUID of the service user the plugin logs in as. */
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
  /** How long the function's logs are kept. */
  readonly logRetention: RetentionDays;
  /** POWERTOOLS_LOG_LEVEL. @default 'INFO' (the runtime's default) */
  readonly logLevel?: LogLevel;
  /** Where alarm notifications go. @default - alarms are created without a notification */
  readonly alarmEmail?: string;
  readonly jwt?: JwtSettings;
  /**
   * Days between rotations of the service-user key, for the rotation schedule (a later issue);
   * checked now so every environment's config is already valid for it.
   * @default 30
   */
  readonly rotationIntervalDays?: number;
}

export const DEFAULT_ROTATION_INTERVAL_DAYS = 30;

export class PluginSettingsError extends Error {
  constructor(appName: string, problems: readonly string[]) {
    super(`Invalid settings for BioT plugin "${appName}":\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PluginSettingsError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECRET_COMPLETE_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Throws a PluginSettingsError listing every problem, so synth fails once with the whole list. */
export function assertValidSettings(settings: BiotPluginSettings): void {
  const problems = [
    ...jwtProblems(settings),
    ...biotProblems(settings),
    ...lambdaProblems(settings),
    ...optionalProblems(settings),
  ];
  if (problems.length > 0) throw new PluginSettingsError(settings.appName, problems);
}

function jwtProblems({ jwt, production }: BiotPluginSettings): string[] {
  const problems: string[] = [];
  if (jwt?.validate === false && production !== false) {
    problems.push(
      'jwt.validate is false but the environment is not marked non-production (production: false). ' +
        'The Function URL has auth NONE, so the JWT check is the only authentication.',
    );
  }
  if (jwt?.notificationScope === '') problems.push('jwt.notificationScope is empty; omit it for the default');
  if (jwt?.interceptionScope === '') problems.push('jwt.interceptionScope is empty; omit it for the default');
  return problems;
}

function biotProblems(settings: BiotPluginSettings): string[] {
  const problems: string[] = [];
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(settings.appName)) {
    problems.push(`appName "${settings.appName}" must be letters, digits and "-", starting with a letter`);
  }
  if (!isHttpsUrl(settings.biotBaseUrl)) {
    problems.push(
      `biotBaseUrl "${settings.biotBaseUrl}" must be an https URL (the service-user key is sent there)`,
    );
  }
  if (settings.biotEnvironment.trim() === '') problems.push('biotEnvironment is empty');
  if (!UUID.test(settings.serviceUserId))
    problems.push(`serviceUserId "${settings.serviceUserId}" is not a UUID`);
  return problems;
}

function lambdaProblems(settings: BiotPluginSettings): string[] {
  const problems: string[] = [];
  if (!isIntegerIn(settings.memoryMb, 128, 10_240))
    problems.push(`memoryMb ${settings.memoryMb} is not 128–10240`);
  if (!isIntegerIn(settings.timeoutSeconds, 1, 900)) {
    problems.push(`timeoutSeconds ${settings.timeoutSeconds} is not 1–900`);
  }
  const concurrency = settings.reservedConcurrency;
  if (concurrency !== undefined && !isIntegerIn(concurrency, 0, Number.MAX_SAFE_INTEGER)) {
    problems.push(`reservedConcurrency ${concurrency} is not a whole number ≥ 0`);
  }
  return problems;
}

function optionalProblems(settings: BiotPluginSettings): string[] {
  const problems: string[] = [];
  if (settings.existingSecretArn !== undefined && !SECRET_COMPLETE_ARN.test(settings.existingSecretArn)) {
    problems.push(
      `existingSecretArn "${settings.existingSecretArn}" is not a complete Secrets Manager ARN ` +
        '(it ends in "-" and 6 characters, as `aws secretsmanager describe-secret` prints it)',
    );
  }
  if (settings.alarmEmail !== undefined && !EMAIL.test(settings.alarmEmail)) {
    problems.push(`alarmEmail "${settings.alarmEmail}" is not an e-mail address`);
  }
  const rotation = settings.rotationIntervalDays;
  if (rotation !== undefined && !isIntegerIn(rotation, 1, 1000)) {
    problems.push(`rotationIntervalDays ${rotation} is not 1–1000 (Secrets Manager's range)`);
  }
  return problems;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
