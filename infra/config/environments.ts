import {
  type EnvironmentConfig,
  environmentIn,
  type PluginDeployment,
  resolvePluginDeployments,
} from '../lib/settings/environment-config.js';

export type {
  EnvironmentConfig,
  PluginDeployment,
  PluginEntry,
  SubscriptionsOverride,
} from '../lib/settings/environment-config.js';
export { stackNameOf } from '../lib/settings/environment-config.js';
export {
  EnvironmentSettingsError,
  UnknownEnvironmentError,
} from '../lib/settings/errors.js';

/**
 * The deployable environments. Each names the plugins it deploys (their folders in
 * packages/plugins), one stack `<plugin>-<environment>` each; the settings at the environment's
 * level apply to every plugin unless the plugin's entry sets its own. Adding an environment is
 * adding one entry; `pnpm cdk deploy -c env=<name> --all` then deploys it.
 *
 * Plain data on purpose: ops reads this file too, without loading the CDK or any plugin. The
 * account ids and service-user ids are placeholders: put your own before the first deploy. Each
 * plugin has two BioT service users: `serviceUserId`, which its hooks log in as (only the
 * permissions the hooks need), and `operationsUserId`, which rotation and registration log in as
 * (infra/README.md, "BioT service users"). Every plugin function reserves 10 concurrent
 * executions unless its settings say otherwise.
 */
export const environments = {
  dev: {
    account: '111111111111',
    region: 'eu-central-1',
    production: false,
    biotBaseUrl: 'https://api.dev.example.biot-med.com',
    biotEnvironment: 'example-dev',
    memoryMb: 256,
    timeoutSeconds: 10,
    logRetentionDays: 14,
    logLevel: 'DEBUG',
    plugins: {
      example: {
        serviceUserId: '00000000-0000-4000-8000-000000000001',
        operationsUserId: '00000000-0000-4000-8000-000000000101',
      },
      'device-stamp': {
        serviceUserId: '00000000-0000-4000-8000-000000000011',
        operationsUserId: '00000000-0000-4000-8000-000000000111',
      },
    },
  },
  staging: {
    account: '222222222222',
    region: 'eu-central-1',
    production: false,
    biotBaseUrl: 'https://api.staging.example.biot-med.com',
    biotEnvironment: 'example-staging',
    memoryMb: 512,
    timeoutSeconds: 10,
    reservedConcurrency: 10,
    logRetentionDays: 30,
    alarmEmail: 'biot-plugin-alarms@example.com',
    plugins: {
      example: {
        serviceUserId: '00000000-0000-4000-8000-000000000002',
        operationsUserId: '00000000-0000-4000-8000-000000000102',
      },
      // A notification handler that reads and patches one device: less memory is enough.
      'device-stamp': {
        serviceUserId: '00000000-0000-4000-8000-000000000012',
        operationsUserId: '00000000-0000-4000-8000-000000000112',
        memoryMb: 256,
      },
    },
  },
  prod: {
    account: '333333333333',
    region: 'eu-central-1',
    production: true,
    biotBaseUrl: 'https://api.example.biot-med.com',
    biotEnvironment: 'example-prod',
    memoryMb: 512,
    timeoutSeconds: 10,
    reservedConcurrency: 50,
    logRetentionDays: 365,
    alarmEmail: 'biot-plugin-alarms@example.com',
    rotationIntervalDays: 30,
    // Interceptors run inside BioT's API calls: their p99 alarms above this (InterceptorLatency).
    // The other thresholds keep their defaults (infra/README.md, Configuration); a plugin's entry
    // may set its own `alarms`, key by key.
    alarms: { interceptorLatencySloMs: 500 },
    // Each deploy sends 10 % of the calls to the new version for 5 minutes first, and rolls back
    // when the error rate, the interceptors' p99 or the BioT API errors alarm fires meanwhile.
    canary: { percent: 10, minutes: 5 },
    // An exact repeat of a notification runs once even when BioT's retry reaches another container.
    repeatCheckAcrossContainers: true,
    plugins: {
      example: {
        serviceUserId: '00000000-0000-4000-8000-000000000003',
        operationsUserId: '00000000-0000-4000-8000-000000000103',
      },
      'device-stamp': {
        serviceUserId: '00000000-0000-4000-8000-000000000013',
        operationsUserId: '00000000-0000-4000-8000-000000000113',
        memoryMb: 256,
        reservedConcurrency: 10,
      },
    },
  },
} as const satisfies Record<string, EnvironmentConfig>;

export type EnvironmentName = keyof typeof environments;

export const ENVIRONMENT_NAMES = Object.keys(environments) as EnvironmentName[];

/** The environment named by the `env` context value (`-c env=prod`); fails listing the valid names. */
export function environmentNamed(name: unknown): { name: EnvironmentName; config: EnvironmentConfig } {
  return environmentIn(environments, name);
}

/**
 * Every plugin the environment deploys, its settings resolved (the plugin's entry over the
 * environment's), with its stack name and region: what `cdk deploy` makes, without the CDK.
 */
export function pluginsOf(environmentName: string): PluginDeployment[] {
  const { name, config } = environmentNamed(environmentName);
  return resolvePluginDeployments(name, config);
}
