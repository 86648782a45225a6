import { fileURLToPath } from 'node:url';
import type { DeployablePlugin } from '../../lib/plugin-app.js';
import type { EnvironmentConfig } from '../../lib/settings/environment-config.js';
import { plugin as auditTrail } from '../fixtures/plugins/audit-trail/src/plugin.js';
import { plugin as nightlyReport } from '../fixtures/plugins/nightly-report/src/plugin.js';

/**
 * What the infra tests deploy: fixture plugins and fixture environments of their own, so that no
 * infra test depends on the repository's plugins or on the environments in config/.
 */

/** Laid out as packages/plugins is: `<name>/src/plugin.ts` and `<name>/src/handler.ts`. */
export const FIXTURE_PLUGINS_DIR = fileURLToPath(new URL('../fixtures/plugins/', import.meta.url));

const handlerOf = (name: string) => `${FIXTURE_PLUGINS_DIR}${name}/src/handler.ts`;

/** Notifications and PRE_REQUEST interceptions on patients; no schedule. */
export const AUDIT_TRAIL: DeployablePlugin = {
  definition: auditTrail,
  handlerFile: handlerOf('audit-trail'),
};

/** A scheduled hook on `cron(0 6 * * ? *)` in Europe/Berlin; no subscriptions. */
export const NIGHTLY_REPORT: DeployablePlugin = {
  definition: nightlyReport,
  handlerFile: handlerOf('nightly-report'),
};

export const FIXTURE_PLUGINS: readonly DeployablePlugin[] = [AUDIT_TRAIL, NIGHTLY_REPORT];

/** A non-production environment deploying both fixture plugins, with the fewest settings. */
export const QA = {
  account: '444444444444',
  region: 'eu-west-1',
  production: false,
  biotBaseUrl: 'https://api.qa.biot.example.com',
  biotEnvironment: 'fixture-qa',
  memoryMb: 256,
  timeoutSeconds: 10,
  logRetentionDays: 14,
  plugins: {
    'audit-trail': { serviceUserId: '00000000-0000-4000-8000-0000000000a1' },
    'nightly-report': { serviceUserId: '00000000-0000-4000-8000-0000000000a2' },
  },
} as const satisfies EnvironmentConfig;

/**
 * A production environment with every optional setting (an operations user per plugin, the repeat
 * check across containers, every runtime setting, alarm thresholds of its own), and one plugin
 * overriding some (alarm thresholds among them).
 */
export const LIVE = {
  account: '555555555555',
  region: 'us-east-1',
  production: true,
  biotBaseUrl: 'https://api.live.biot.example.com',
  biotEnvironment: 'fixture-live',
  memoryMb: 1024,
  timeoutSeconds: 8,
  reservedConcurrency: 20,
  logRetentionDays: 365,
  logLevel: 'WARN',
  alarmEmail: 'plugin-alarms@example.com',
  rotationIntervalDays: 14,
  logLevels: { rotation: 'INFO' },
  secretMaxAgeSeconds: 120,
  publicKeyMaxAgeSeconds: 1800,
  biotTimeoutMs: 3000,
  biotRetryLimit: 1,
  repeatCheckAcrossContainers: true,
  alarms: { refusedCallsPer5Minutes: 50, errorRatePercent: 2, breachingMinutes: 3, evaluationMinutes: 5 },
  lambdaConcurrencyLimit: 2000,
  plugins: {
    'audit-trail': {
      serviceUserId: '00000000-0000-4000-8000-0000000000b1',
      operationsUserId: '00000000-0000-4000-8000-0000000000f1',
    },
    'nightly-report': {
      serviceUserId: '00000000-0000-4000-8000-0000000000b2',
      operationsUserId: '00000000-0000-4000-8000-0000000000f2',
      logLevels: { plugin: 'DEBUG' },
      memoryMb: 512,
      timeoutSeconds: 60,
      reservedConcurrency: 1,
      alarms: { errorRatePercent: 20, durationShareOfTimeout: 0.5 },
    },
  },
} as const satisfies EnvironmentConfig;

export const FIXTURE_ENVIRONMENTS: Readonly<Record<string, EnvironmentConfig>> = { qa: QA, live: LIVE };
