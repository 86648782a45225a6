import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { BiotPluginSettings } from '../lib/construct/plugin-settings.js';
import type {
  BiotSubscriptionSettings,
  DeclaredSubscriptions,
} from '../lib/construct/subscription-settings.js';

/**
 * One deployable environment: where it goes and how the plugin is set up there. Adding an
 * environment is adding one entry below; `pnpm cdk deploy -c env=<name>` then deploys it.
 *
 * Account and region are explicit so that synth needs no AWS credentials and no look-ups, and
 * so that `cdk deploy` refuses to deploy an environment with credentials for another account.
 * The account ids below are placeholders: put your own before the first deploy.
 */
export interface EnvironmentConfig extends BiotPluginSettings, BiotSubscriptionSettings {
  readonly account: string;
  readonly region: string;
}

/**
 * What the example hooks in packages/runtime/src/hooks handle: patient notifications, the patient
 * search and delete interceptors, and adapting patients. `cdk deploy` registers it with BioT;
 * an environment may declare its own set, or none (`{ notifications: [], interceptions: [] }`).
 */
const EXAMPLE_HOOK_SUBSCRIPTIONS = {
  notifications: [
    { entityTypeName: 'patient', actionName: '_create' },
    { entityTypeName: 'patient', actionName: '_update' },
  ],
  interceptions: [
    { type: 'PRE_REQUEST', apiId: 'GET/organization/v1/users/patients', executionOrder: 10 },
    { type: 'PRE_REQUEST', apiId: 'DELETE/organization/v1/users/patients/{id}', executionOrder: 10 },
    { type: 'ADAPT_ENTITY', entityName: 'patient' },
  ],
} as const satisfies DeclaredSubscriptions;

export const environments = {
  dev: {
    account: '111111111111',
    region: 'eu-central-1',
    production: false,
    appName: 'biot-plugin',
    biotBaseUrl: 'https://api.dev.example.biot-med.com',
    biotEnvironment: 'example-dev',
    serviceUserId: '00000000-0000-4000-8000-000000000001',
    memoryMb: 256,
    timeoutSeconds: 10,
    logRetention: RetentionDays.TWO_WEEKS,
    logLevel: 'DEBUG',
    subscriptions: EXAMPLE_HOOK_SUBSCRIPTIONS,
  },
  staging: {
    account: '222222222222',
    region: 'eu-central-1',
    production: false,
    appName: 'biot-plugin',
    biotBaseUrl: 'https://api.staging.example.biot-med.com',
    biotEnvironment: 'example-staging',
    serviceUserId: '00000000-0000-4000-8000-000000000002',
    memoryMb: 512,
    timeoutSeconds: 10,
    reservedConcurrency: 10,
    logRetention: RetentionDays.ONE_MONTH,
    alarmEmail: 'biot-plugin-alarms@example.com',
    subscriptions: EXAMPLE_HOOK_SUBSCRIPTIONS,
  },
  prod: {
    account: '333333333333',
    region: 'eu-central-1',
    production: true,
    appName: 'biot-plugin',
    biotBaseUrl: 'https://api.example.biot-med.com',
    biotEnvironment: 'example-prod',
    serviceUserId: '00000000-0000-4000-8000-000000000003',
    memoryMb: 512,
    timeoutSeconds: 10,
    reservedConcurrency: 50,
    logRetention: RetentionDays.ONE_YEAR,
    alarmEmail: 'biot-plugin-alarms@example.com',
    rotationIntervalDays: 30,
    subscriptions: EXAMPLE_HOOK_SUBSCRIPTIONS,
  },
} as const satisfies Record<string, EnvironmentConfig>;

export type EnvironmentName = keyof typeof environments;

export const ENVIRONMENT_NAMES = Object.keys(environments) as EnvironmentName[];

export class UnknownEnvironmentError extends Error {
  constructor(given: unknown) {
    const what = given === undefined ? 'No environment given' : `Unknown environment "${String(given)}"`;
    super(`${what}. Pass -c env=<name>, one of: ${ENVIRONMENT_NAMES.join(', ')}.`);
    this.name = 'UnknownEnvironmentError';
  }
}

/** The environment named by the `env` context value (`-c env=prod`); fails listing the valid names. */
export function environmentNamed(name: unknown): { name: EnvironmentName; config: EnvironmentConfig } {
  if (typeof name !== 'string' || !Object.hasOwn(environments, name)) throw new UnknownEnvironmentError(name);
  const known = name as EnvironmentName;
  return { name: known, config: environments[known] };
}
