/**
 * The thresholds of a plugin's alarms (PluginAlarms) and of the lines the dashboard draws with them:
 * one `alarms` object an environment sets for every plugin, and a plugin's entry overrides key by
 * key. Plain data and plain functions, like the rest of the settings: no aws-cdk-lib.
 */

/** What an operator may tune, each key for the alarm it names. Every key is optional. */
export interface AlarmSettings {
  /**
   * ErrorRate fires above this share of the plugin's answers that are failures (status ≥ 500), in
   * per cent, (0, 100].
   * @default 5
   */
  readonly errorRatePercent?: number;
  /**
   * BiotApiErrors fires above this share of the plugin's BioT calls that fail (5xx, network,
   * timeout), in per cent, (0, 100].
   * @default 10
   */
  readonly biotApiErrorRatePercent?: number;
  /**
   * DurationNearTimeout fires when Lambda's p99 duration is above this share of the plugin's
   * timeout, (0, 1]: slow enough to matter, early enough to act.
   * @default 0.8
   */
  readonly durationShareOfTimeout?: number;
  /**
   * RefusedCalls fires when the runtime refuses at least this many calls for their token (401/403
   * with a JWT_* or SCHEDULED_VIA_URL_DISABLED code) in 5 minutes; a whole number ≥ 1.
   * @default 20: more than a misconfigured retry
   */
  readonly refusedCallsPer5Minutes?: number;
  /**
   * The interceptors' latency objective (10 ms up to the timeout): the InterceptorLatency alarm
   * fires when their p99 stays above it, and the dashboard draws it on their p50/p99. An
   * interceptor runs inside a BioT API call, so this is latency every BioT user of that API pays.
   * @default 1000
   */
  readonly interceptorLatencySloMs?: number;
  /**
   * Minutes without a single notification after which NotificationSilence fires (5–1440), for a
   * plugin subscribed to notifications: BioT stopped sending (a lost subscription, a disabled
   * plugin, an upstream outage). Set it where notifications are expected that often; `false` in a
   * plugin's entry turns off the environment's.
   * @default - no silence alarm
   */
  readonly notificationSilenceMinutes?: number | false;
  /**
   * ErrorRate, BiotApiErrors and InterceptorLatency judge each minute and fire when this many of
   * the last `evaluationMinutes` were bad: 2 of 3 is quick enough to roll a 5-minute canary back,
   * and one slow minute alone is not an incident.
   * @default 2
   */
  readonly breachingMinutes?: number;
  /** The window of `breachingMinutes`, in minutes (1–1440, CloudWatch's day). @default 3 */
  readonly evaluationMinutes?: number;
}

/** Every threshold with its default applied; the silence alarm exists only where a setting asks for it. */
export interface ResolvedAlarmSettings extends Required<Omit<AlarmSettings, 'notificationSilenceMinutes'>> {
  /** @default - no silence alarm */
  readonly notificationSilenceMinutes?: number;
}

/** The documented defaults (README, Configuration): what an environment gets when it sets nothing. */
export const DEFAULT_ALARM_SETTINGS = {
  errorRatePercent: 5,
  biotApiErrorRatePercent: 10,
  durationShareOfTimeout: 0.8,
  refusedCallsPer5Minutes: 20,
  interceptorLatencySloMs: 1000,
  breachingMinutes: 2,
  evaluationMinutes: 3,
} as const satisfies ResolvedAlarmSettings;

/** The alarm settings of the config, the defaults where it sets none. */
export function resolveAlarmSettings(settings: AlarmSettings | undefined): ResolvedAlarmSettings {
  const { notificationSilenceMinutes, ...thresholds } = definedValues(settings);
  return {
    ...DEFAULT_ALARM_SETTINGS,
    ...thresholds,
    ...(typeof notificationSilenceMinutes === 'number' ? { notificationSilenceMinutes } : {}),
  };
}

/**
 * The environment's `alarms` with a plugin entry's over it, key by key: an entry that sets only
 * `errorRatePercent` keeps the environment's other thresholds.
 */
export function mergeAlarmSettings(
  environment: AlarmSettings | undefined,
  entry: AlarmSettings | undefined,
): AlarmSettings | undefined {
  if (environment === undefined && entry === undefined) return undefined;
  return { ...definedValues(environment), ...definedValues(entry) };
}

type Check = (value: number) => boolean;
const PERCENT: [Check, string] = [(value) => value > 0 && value <= 100, 'is not a per cent in (0, 100]'];
const SHARE: [Check, string] = [(value) => value > 0 && value <= 1, 'is not a share in (0, 1]'];
const wholeIn = (min: number, max: number): [Check, string] => [
  (value) => Number.isInteger(value) && value >= min && value <= max,
  `is not a whole number ${min}–${max}`,
];

/** Each key, the values it accepts and what the error says otherwise: the one table the checks follow. */
const CHECKS: Readonly<Record<keyof AlarmSettings, [Check, string]>> = {
  errorRatePercent: PERCENT,
  biotApiErrorRatePercent: PERCENT,
  durationShareOfTimeout: SHARE,
  refusedCallsPer5Minutes: wholeIn(1, 1_000_000),
  interceptorLatencySloMs: wholeIn(10, 900_000),
  notificationSilenceMinutes: wholeIn(5, 1440),
  breachingMinutes: wholeIn(1, 1440),
  evaluationMinutes: wholeIn(1, 1440),
};
const KEYS = Object.keys(CHECKS) as (keyof AlarmSettings)[];

/**
 * Where the alarm thresholds were written before `alarms` held them all: a config that still says
 * so fails with where the value goes now, instead of its threshold being silently ignored.
 */
export const MOVED_ALARM_SETTINGS: Readonly<Record<string, keyof AlarmSettings>> = {
  refusedCallsAlarmThreshold: 'refusedCallsPer5Minutes',
  interceptorLatencySloMs: 'interceptorLatencySloMs',
  notificationSilenceMinutes: 'notificationSilenceMinutes',
};

/**
 * Every problem of the `alarms` of an environment or a plugin entry (`path` as in
 * pluginSettingsProblems: `''` or `plugins.<name>.`), and of the keys that moved into it.
 */
export function alarmSettingsProblems(settings: object, path = ''): string[] {
  const problems: string[] = [];
  for (const [old, key] of Object.entries(MOVED_ALARM_SETTINGS)) {
    if ((settings as Record<string, unknown>)[old] !== undefined) {
      problems.push(`${path}${old} is now alarms.${key}: move the value there`);
    }
  }
  const alarms: unknown = (settings as { alarms?: unknown }).alarms;
  if (alarms === undefined) return problems;
  if (typeof alarms !== 'object' || alarms === null || Array.isArray(alarms)) {
    return [...problems, `${path}alarms must be an object of thresholds (${KEYS.join(', ')})`];
  }
  for (const [key, value] of Object.entries(alarms)) {
    const at = `${path}alarms.${key}`;
    const check = Object.hasOwn(CHECKS, key) ? CHECKS[key as keyof AlarmSettings] : undefined;
    if (check === undefined) {
      problems.push(`${at} is not an alarm setting; the alarm settings are ${KEYS.join(', ')}`);
    } else if (value === undefined || (key === 'notificationSilenceMinutes' && value === false)) {
      // Unset, or the silence alarm turned off: nothing to check.
    } else if (typeof value !== 'number' || !Number.isFinite(value)) {
      const shown = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
      problems.push(`${at} ${shown} is not a number`);
    } else if (!isValid(key as keyof AlarmSettings, value)) {
      problems.push(`${at} ${value} ${check[1]}`);
    }
  }
  return problems;
}

/**
 * Problems of one plugin's resolved thresholds against its other settings: values the environment
 * and the entry each allow but that do not fit together.
 */
export function alarmDeploymentProblems(
  alarms: ResolvedAlarmSettings,
  { timeoutSeconds, canaryMinutes }: { timeoutSeconds: number; canaryMinutes?: number },
  path: string,
): string[] {
  const problems: string[] = [];
  const { interceptorLatencySloMs, breachingMinutes, evaluationMinutes } = alarms;
  // A value out of its own range is alarmSettingsProblems' finding; these are about valid values that clash.
  const valid = (key: keyof AlarmSettings) => isValid(key, alarms[key]);
  if (valid('interceptorLatencySloMs') && interceptorLatencySloMs >= timeoutSeconds * 1000) {
    problems.push(
      `${path}alarms.interceptorLatencySloMs ${interceptorLatencySloMs} is not below the plugin's timeout ` +
        `(${timeoutSeconds} s): an interceptor that slow has already timed out`,
    );
  }
  if (!valid('breachingMinutes')) return problems;
  if (valid('evaluationMinutes') && breachingMinutes > evaluationMinutes) {
    problems.push(
      `${path}alarms.breachingMinutes ${breachingMinutes} is more than alarms.evaluationMinutes ` +
        `${evaluationMinutes}: the alarms could never fire`,
    );
  }
  // An invalid canary is its own problem (pluginSettingsProblems); this one is about fitting a valid one.
  if (canaryMinutes !== undefined && canaryMinutes >= 1 && breachingMinutes > canaryMinutes) {
    problems.push(
      `${path}alarms.breachingMinutes ${breachingMinutes} is more than the canary's ${canaryMinutes} minutes: ` +
        'ErrorRate, BiotApiErrors and InterceptorLatency could not fire before all traffic moves to the ' +
        'new version, so the canary could never roll back',
    );
  }
  return problems;
}

function isValid(key: keyof AlarmSettings, value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && CHECKS[key][0](value);
}

/** A share as the per cent an operator reads: 0.8 → "80", 0.075 → "7.5" (no 70.00000000000001). */
export function asPercent(share: number): string {
  return String(Number((share * 100).toPrecision(12)));
}

function definedValues(value: AlarmSettings | undefined): AlarmSettings {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined));
}
