import type { DeclaredSubscriptions } from '@biot-plugin/runtime';
import { EnvironmentSettingsError, UnknownEnvironmentError } from './errors.js';
import {
  isHttpsUrl,
  jwtGuardProblems,
  type PluginDeploymentSettings,
  type PluginSettings,
  pluginSettingsProblems,
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
 * value, else the environment's (`jwt` field by field). Throws an EnvironmentSettingsError listing
 * every problem, each naming where in the config it is written.
 */
export function resolvePluginDeployments(
  environmentName: string,
  config: EnvironmentConfig,
): PluginDeployment[] {
  const { plugins, account, region, production, biotBaseUrl, biotEnvironment, ...defaults } = config;
  const entries = Object.entries(plugins ?? {});
  const deployments = entries.map(([pluginName, entry]): PluginDeployment => {
    const { subscriptions, ...overrides } = definedValues(entry);
    const jwt = defaults.jwt || overrides.jwt ? { ...defaults.jwt, ...overrides.jwt } : undefined;
    return {
      ...definedValues(defaults),
      ...overrides,
      ...(jwt === undefined ? {} : { jwt }),
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
    ...entries.flatMap(([name, entry]) => [
      ...pluginSettingsProblems(entry, `plugins.${name}.`),
      ...(entry.jwt?.validate === undefined
        ? []
        : jwtGuardProblems({ jwt: entry.jwt, production }, `plugins.${name}.`)),
    ]),
    ...deployments.flatMap(missingServiceUserProblems),
    ...sharedServiceUserProblems(deployments),
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
  const byServiceUser = new Map<string, string[]>();
  for (const { serviceUserId, pluginName } of deployments) {
    if (serviceUserId === undefined) continue;
    byServiceUser.set(serviceUserId, [...(byServiceUser.get(serviceUserId) ?? []), pluginName]);
  }
  return [...byServiceUser]
    .filter(([, sharing]) => sharing.length > 1)
    .map(
      ([serviceUserId, sharing]) =>
        `plugins ${sharing.join(' and ')} share serviceUserId "${serviceUserId}": ` +
        'each stack rotates its own copy of the key, and a rotation deletes the keys the other copy holds; ' +
        'give each plugin its own service user',
    );
}

/** The object without its `undefined` fields, so an entry's `memoryMb: undefined` keeps the default. */
function definedValues<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
