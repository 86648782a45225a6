import type { DeclaredSubscriptions } from '@biot-plugin/runtime';
import { mergeAlarmSettings } from './alarm-settings.js';
import { EnvironmentSettingsError, UnknownEnvironmentError } from './errors.js';
import {
  canaryGuardProblems,
  DEFAULT_LAMBDA_CONCURRENCY_LIMIT,
  DEFAULT_RESERVED_CONCURRENCY,
  deploymentProblems,
  isHttpsUrl,
  jwtGuardProblems,
  MINIMUM_UNRESERVED_CONCURRENCY,
  type PluginDeploymentSettings,
  type PluginSettings,
  pluginSettingsProblems,
  withDefaults,
} from './plugin-settings.js';

/**
 * An environment's change to the subscriptions a plugin's definition declares: a set that
 * replaces them, or a function of the declared set (another `executionOrder`, fewer in dev).
 * Each subscription must still name a hook the plugin has; synth checks that.
 */
export type SubscriptionsOverride =
  | DeclaredSubscriptions
  | ((declared: DeclaredSubscriptions) => DeclaredSubscriptions);

/** One plugin an environment deploys: the settings where it differs from the environment's. */
export interface PluginEntry extends Partial<PluginSettings> {
  /** @default - the subscriptions of the plugin's definition */
  readonly subscriptions?: SubscriptionsOverride;
}

/**
 * One deployable environment: where its stacks go, which BioT they serve, the plugins they deploy,
 * and the settings every plugin gets unless its entry says otherwise.
 *
 * Account and region are explicit so that synth needs no AWS credentials and no look-ups, and so
 * that `cdk deploy` refuses to deploy an environment with credentials for another account.
 */
export interface EnvironmentConfig extends Omit<PluginSettings, 'serviceUserId'> {
  readonly account: string;
  readonly region: string;
  readonly production: boolean;
  readonly biotBaseUrl: string;
  readonly biotEnvironment: string;
  /**
   * The service user of every plugin that names none. Two plugins must not share one, since each
   * stack rotates its own copy of the key; so with several plugins, give each its own.
   */
  readonly serviceUserId?: string;
  /**
   * The account's Lambda concurrency quota in this region. Synth refuses reservations that would
   * leave fewer than 100 unreserved (Lambda refuses them at deploy).
   * @default DEFAULT_LAMBDA_CONCURRENCY_LIMIT (1000, AWS's default quota)
   */
  readonly lambdaConcurrencyLimit?: number;
  /** The plugins this environment deploys, by name (their folder in packages/plugins), one stack each. */
  readonly plugins: Readonly<Record<string, PluginEntry>>;
}

/** One plugin in one environment, its settings resolved: what its stack is made from. */
export interface PluginDeployment extends PluginDeploymentSettings {
  readonly environmentName: string;
  /** `<plugin>-<environment>`, e.g. `device-stamp-prod`. */
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
  /** @default - the plugin's definition's subscriptions */
  readonly subscriptions?: SubscriptionsOverride;
}

/** The stack of a plugin in an environment; ops finds its outputs by this name. */
export function stackNameOf(pluginName: string, environmentName: string): string {
  return `${pluginName}-${environmentName}`;
}

/** The environment `name` of `environments`; fails listing the valid names. */
export function environmentIn<Name extends string>(
  environments: Readonly<Record<Name, EnvironmentConfig>>,
  name: unknown,
): { name: Name; config: EnvironmentConfig } {
  const known = Object.keys(environments) as Name[];
  if (typeof name !== 'string' || !Object.hasOwn(environments, name)) {
    throw new UnknownEnvironmentError(name, known);
  }
  return { name: name as Name, config: environments[name as Name] };
}

/**
 * Every plugin of an environment with its settings resolved: the plugin's entry where it sets a
 * value, else the environment's (`jwt`, `logLevels` and `alarms` field by field). Throws an
 * EnvironmentSettingsError listing every problem, each naming where in the config it is written.
 */
export function resolvePluginDeployments(
  environmentName: string,
  config: EnvironmentConfig,
): PluginDeployment[] {
  const {
    plugins,
    account,
    region,
    production,
    biotBaseUrl,
    biotEnvironment,
    lambdaConcurrencyLimit,
    ...defaults
  } = config;
  const entries = Object.entries(plugins ?? {});
  const deployments = entries.map(([pluginName, entry]): PluginDeployment => {
    const { subscriptions, ...overrides } = definedValues(entry);
    // Nested settings merge field by field: an entry's `jwt.interceptionScope` keeps the environment's notificationScope.
    const jwt = defaults.jwt || overrides.jwt ? { ...defaults.jwt, ...overrides.jwt } : undefined;
    const logLevels =
      defaults.logLevels || overrides.logLevels
        ? { ...defaults.logLevels, ...overrides.logLevels }
        : undefined;
    // An entry's `alarms.errorRatePercent` keeps the environment's other thresholds.
    const alarms = mergeAlarmSettings(defaults.alarms, overrides.alarms);
    return {
      ...definedValues(defaults),
      ...overrides,
      ...(jwt === undefined ? {} : { jwt }),
      ...(logLevels === undefined ? {} : { logLevels }),
      ...(alarms === undefined ? {} : { alarms }),
      ...(subscriptions === undefined ? {} : { subscriptions }),
      pluginName,
      environmentName,
      stackName: stackNameOf(pluginName, environmentName),
      account,
      region,
      production,
      biotBaseUrl,
      biotEnvironment,
    } as PluginDeployment;
  });
  const problems = new Set([
    ...environmentProblems(environmentName, config),
    ...pluginSettingsProblems(defaults),
    ...jwtGuardProblems({ jwt: defaults.jwt, production }),
    ...canaryGuardProblems({ canary: defaults.canary, production }),
    ...entries.flatMap(([name, entry]) => [
      ...pluginSettingsProblems(entry, `plugins.${name}.`),
      ...canaryGuardProblems({ canary: entry.canary, production }, `plugins.${name}.`),
      ...(entry.jwt?.validate === undefined
        ? []
        : jwtGuardProblems({ jwt: entry.jwt, production }, `plugins.${name}.`)),
    ]),
    ...deployments.flatMap(missingServiceUserProblems),
    ...deployments.flatMap((deployment) =>
      deploymentProblems(deployment, `plugins.${deployment.pluginName}.`),
    ),
    ...sharedServiceUserProblems(deployments),
    ...concurrencyProblems(deployments, lambdaConcurrencyLimit),
  ]);
  if (problems.size > 0) throw new EnvironmentSettingsError(environmentName, [...problems]);
  return deployments;
}

const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,39}$/;
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

function environmentProblems(name: string, config: EnvironmentConfig): string[] {
  const problems: string[] = [];
  if (!ENVIRONMENT_NAME.test(name)) {
    problems.push(
      `the name "${name}" must be lower-case letters, digits and "-", starting with a letter (at most 40): ` +
        'it ends every stack name (<plugin>-<environment>)',
    );
  }
  if (!ACCOUNT.test(config.account))
    problems.push(`account "${config.account}" is not a 12-digit AWS account id`);
  if (!REGION.test(config.region))
    problems.push(`region "${config.region}" is not an AWS region such as eu-central-1`);
  if (typeof config.production !== 'boolean') problems.push('production must be true or false');
  if (!isHttpsUrl(config.biotBaseUrl)) {
    problems.push(
      `biotBaseUrl "${config.biotBaseUrl}" must be an https URL (the service-user key is sent there)`,
    );
  }
  if (config.biotEnvironment.trim() === '') problems.push('biotEnvironment is empty');
  if (Object.keys(config.plugins ?? {}).length === 0) {
    problems.push("plugins is empty: name at least one, e.g. plugins: { 'my-plugin': {} }");
  }
  return problems;
}

function missingServiceUserProblems(deployment: PluginDeployment): string[] {
  if (deployment.serviceUserId !== undefined) return [];
  return [
    `plugins.${deployment.pluginName}.serviceUserId is not set, nor is the environment's serviceUserId: ` +
      'the plugin logs in to BioT as its service user',
  ];
}

/**
 * Each stack rotates its own secret, and a rotation deletes the service user's BioT keys that its
 * secret does not hold (packages/rotation): two plugins with one service user would delete each
 * other's keys.
 */
function sharedServiceUserProblems(deployments: readonly PluginDeployment[]): string[] {
  // Both kinds of service user: a plugin's operations user is rotated by its stack as well.
  const byServiceUser = new Map<string, string[]>();
  for (const { serviceUserId, operationsUserId, pluginName } of deployments) {
    for (const [field, id] of [
      ['serviceUserId', serviceUserId],
      ['operationsUserId', operationsUserId],
    ] as const) {
      if (id === undefined) continue;
      byServiceUser.set(id, [...(byServiceUser.get(id) ?? []), `${pluginName} (${field})`]);
    }
  }
  const pluginsOf = (sharing: readonly string[]) => new Set(sharing.map((who) => who.split(' ')[0]));
  return (
    [...byServiceUser]
      // One plugin naming one user twice is deploymentProblems' finding; this one is about two plugins.
      .filter(([, sharing]) => pluginsOf(sharing).size > 1)
      .map(
        ([serviceUserId, sharing]) =>
          `plugins ${sharing.join(' and ')} share the service user "${serviceUserId}": ` +
          'each stack rotates its own copy of the key, and a rotation deletes the keys the other copy holds; ' +
          'give each plugin its own service users',
      )
  );
}

/**
 * Lambda refuses a reservation that leaves the account fewer than 100 unreserved executions, at
 * deploy time and half-way through an environment: synth says so first, for the whole environment.
 */
function concurrencyProblems(
  deployments: readonly PluginDeployment[],
  limit = DEFAULT_LAMBDA_CONCURRENCY_LIMIT,
): string[] {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    return [`lambdaConcurrencyLimit ${limit} is not a whole number ≥ 1`];
  }
  const reserved = deployments.map((deployment) => withDefaults(deployment).reservedConcurrency);
  const total = reserved.reduce<number>((sum, value) => sum + (value === false ? 0 : value), 0);
  const available = limit - MINIMUM_UNRESERVED_CONCURRENCY;
  if (total === 0 || total <= available) return [];
  return [
    `the plugins reserve ${total} concurrent executions in all (reservedConcurrency, default ` +
      `${DEFAULT_RESERVED_CONCURRENCY} each), but an account with a limit of ${limit} ` +
      `(lambdaConcurrencyLimit) can reserve at most ${Math.max(0, available)}: Lambda keeps ` +
      `${MINIMUM_UNRESERVED_CONCURRENCY} unreserved. Lower them, raise the quota and lambdaConcurrencyLimit, ` +
      'or set reservedConcurrency: false',
  ];
}

/** The object without its `undefined` fields, so an entry's `memoryMb: undefined` keeps the default. */
function definedValues<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
