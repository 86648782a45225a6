import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import {
  type EnvironmentConfig,
  type PluginEntry,
  resolvePluginDeployments,
} from '../../lib/settings/environment-config.js';
import { EnvironmentSettingsError } from '../../lib/settings/errors.js';
import { CLOUDWATCH_RETENTION_DAYS } from '../../lib/settings/plugin-settings.js';
import { LIVE, QA } from '../support/fixtures.js';

const qaWith = (changes: Partial<EnvironmentConfig>, plugins?: Record<string, PluginEntry>) =>
  resolvePluginDeployments('qa', { ...QA, ...changes, ...(plugins ? { plugins } : {}) });
const pluginOf = (deployments: ReturnType<typeof qaWith>, name: string) =>
  deployments.find((deployment) => deployment.pluginName === name);

describe("resolving an environment's plugins", () => {
  it('gives each plugin the environment’s settings and its own name, stack name, account and region', () => {
    const [auditTrail] = resolvePluginDeployments('qa', QA);

    expect(auditTrail).toEqual({
      pluginName: 'audit-trail',
      environmentName: 'qa',
      stackName: 'audit-trail-qa',
      account: QA.account,
      region: QA.region,
      production: false,
      biotBaseUrl: QA.biotBaseUrl,
      biotEnvironment: QA.biotEnvironment,
      serviceUserId: QA.plugins['audit-trail'].serviceUserId,
      memoryMb: QA.memoryMb,
      timeoutSeconds: QA.timeoutSeconds,
      logRetentionDays: QA.logRetentionDays,
    });
  });

  it('lists the plugins in the order the environment names them', () => {
    expect(resolvePluginDeployments('live', LIVE).map((deployment) => deployment.stackName)).toEqual([
      'audit-trail-live',
      'nightly-report-live',
    ]);
  });

  it("takes a plugin entry's settings over the environment's, for that plugin only", () => {
    const deployments = resolvePluginDeployments('live', LIVE);

    expect(pluginOf(deployments, 'nightly-report')).toMatchObject({ memoryMb: 512, timeoutSeconds: 60 });
    expect(pluginOf(deployments, 'audit-trail')).toMatchObject({
      memoryMb: LIVE.memoryMb,
      timeoutSeconds: 8,
    });
  });

  it('merges the JWT settings field by field', () => {
    const deployments = qaWith(
      { jwt: { notificationScope: 'QA_NOTIFY' } },
      {
        'audit-trail': { ...QA.plugins['audit-trail'], jwt: { interceptionScope: 'QA_INTERCEPT' } },
      },
    );

    expect(pluginOf(deployments, 'audit-trail')?.jwt).toEqual({
      notificationScope: 'QA_NOTIFY',
      interceptionScope: 'QA_INTERCEPT',
    });
  });

  it("keeps the environment's value where an entry sets a field to undefined", () => {
    const deployments = qaWith({}, { 'audit-trail': { ...QA.plugins['audit-trail'], memoryMb: undefined } });

    expect(pluginOf(deployments, 'audit-trail')?.memoryMb).toBe(QA.memoryMb);
  });

  it("uses the environment's service user for a plugin that names none", () => {
    const deployments = qaWith(
      { serviceUserId: '00000000-0000-4000-8000-0000000000c1' },
      { 'audit-trail': {} },
    );

    expect(pluginOf(deployments, 'audit-trail')?.serviceUserId).toBe('00000000-0000-4000-8000-0000000000c1');
  });

  it("carries the environment's subscriptions override to the plugin it is written for", () => {
    const override = { notifications: [], interceptions: [] };
    const deployments = qaWith(
      {},
      { ...QA.plugins, 'audit-trail': { ...QA.plugins['audit-trail'], subscriptions: override } },
    );

    expect(pluginOf(deployments, 'audit-trail')?.subscriptions).toBe(override);
    expect(pluginOf(deployments, 'nightly-report')).not.toHaveProperty('subscriptions');
  });
});

describe('the settings checks', () => {
  it('list every problem at once, each naming where it is written', () => {
    const attempt = () =>
      qaWith(
        { biotBaseUrl: 'http://api.example.com', memoryMb: 64, alarmEmail: 'ops', account: '1234' },
        {
          'audit-trail': { serviceUserId: 'service-user', timeoutSeconds: 901 },
          'nightly-report': {
            serviceUserId: '00000000-0000-4000-8000-0000000000a2',
            rotationIntervalDays: 0,
          },
        },
      );

    expect(attempt).toThrow(EnvironmentSettingsError);
    expect(attempt).toThrow(
      [
        'Invalid settings in environment "qa":',
        '  - account "1234" is not a 12-digit AWS account id',
        '  - biotBaseUrl "http://api.example.com" must be an https URL (the service-user key is sent there)',
        '  - memoryMb 64 is not 128–10240',
        '  - alarmEmail "ops" is not an e-mail address',
        '  - plugins.audit-trail.serviceUserId "service-user" is not a UUID',
        '  - plugins.audit-trail.timeoutSeconds 901 is not 1–900',
        "  - plugins.nightly-report.rotationIntervalDays 0 is not 1–1000 (Secrets Manager's range)",
      ].join('\n'),
    );
  });

  it('refuse a plugin without a service user', () => {
    expect(() => qaWith({}, { 'audit-trail': {} })).toThrow(
      /plugins\.audit-trail\.serviceUserId is not set, nor is the environment's serviceUserId/,
    );
  });

  it('refuse two plugins sharing a service user, whose rotations would delete each other’s keys', () => {
    const shared = '00000000-0000-4000-8000-0000000000c1';

    expect(() => qaWith({ serviceUserId: shared }, { 'audit-trail': {}, 'nightly-report': {} })).toThrow(
      `plugins audit-trail (serviceUserId) and nightly-report (serviceUserId) share the service user "${shared}"`,
    );
  });

  it('refuse a log retention CloudWatch does not offer, listing the ones it does', () => {
    expect(() => qaWith({ logRetentionDays: 10 as 14 })).toThrow(
      /logRetentionDays 10 is not a period CloudWatch Logs keeps logs for; use one of 1, 3, 5, 7, 14, 30/,
    );
  });

  it('refuse an existing secret ARN without the suffix that makes it complete', () => {
    expect(() =>
      qaWith(
        {},
        {
          ...QA.plugins,
          'audit-trail': {
            ...QA.plugins['audit-trail'],
            existingSecretArn: 'arn:aws:secretsmanager:eu-west-1:444444444444:secret:biot',
          },
        },
      ),
    ).toThrow(/plugins\.audit-trail\.existingSecretArn .* is not a complete Secrets Manager ARN/);
  });

  it('refuse an environment that deploys no plugin', () => {
    expect(() => qaWith({}, {})).toThrow(/plugins is empty: name at least one/);
  });

  it('refuse an environment name that cannot end a stack name', () => {
    expect(() => resolvePluginDeployments('QA_1', QA)).toThrow(/the name "QA_1" must be lower-case letters/);
  });
});

describe('the JWT-off guard', () => {
  it('refuses JWT validation off in an environment not marked non-production', () => {
    expect(() => resolvePluginDeployments('live', { ...LIVE, jwt: { validate: false } })).toThrow(
      /jwt.validate is false but the environment is not marked non-production/,
    );
  });

  it("refuses it in a plugin's entry too, naming the entry", () => {
    const plugins = {
      ...LIVE.plugins,
      'audit-trail': { ...LIVE.plugins['audit-trail'], jwt: { validate: false } },
    };

    expect(() => resolvePluginDeployments('live', { ...LIVE, plugins })).toThrow(
      /plugins\.audit-trail\.jwt\.validate is false but the environment is not marked non-production/,
    );
  });

  it('lets an environment marked non-production turn JWT validation off', () => {
    const deployments = qaWith({ jwt: { validate: false } });

    expect(deployments.map((deployment) => deployment.jwt?.validate)).toEqual([false, false]);
  });
});

describe("CloudWatch's retention periods", () => {
  it('are the ones aws-cdk-lib knows, without its "never expire"', () => {
    const cdkDays = Object.values(RetentionDays).filter((days) => typeof days === 'number');

    expect([...CLOUDWATCH_RETENTION_DAYS]).toEqual(cdkDays.filter((days) => days !== RetentionDays.INFINITE));
  });
});
