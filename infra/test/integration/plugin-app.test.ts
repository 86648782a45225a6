import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { definePlugin } from '@biot-plugin/runtime';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { DeployablePlugin } from '../../lib/plugin-app.js';
import type { EnvironmentConfig, PluginEntry } from '../../lib/settings/environment-config.js';
import {
  PluginDeploymentError,
  UnknownEnvironmentError,
  UnknownPluginError,
} from '../../lib/settings/errors.js';
import { AUDIT_TRAIL, FIXTURE_ENVIRONMENTS, NIGHTLY_REPORT, QA } from '../support/fixtures.js';
import { synthEnvironment } from '../support/synth.js';

const withAuditTrail = (entry: PluginEntry): Record<string, EnvironmentConfig> => ({
  qa: { ...QA, plugins: { 'audit-trail': { ...QA.plugins['audit-trail'], ...entry } } },
});

describe('the CDK app', () => {
  it('adds one stack per plugin of the chosen environment, named <plugin>-<environment>', () => {
    const { stacks } = synthEnvironment('live');

    expect(stacks.map((stack) => stack.stackName)).toEqual(['audit-trail-live', 'nightly-report-live']);
  });

  it.each(['audit-trail', 'nightly-report'])(
    'gives %s its function, Function URL, secret and its rotation, subscriptions and alarms',
    (plugin) => {
      const { stacks } = synthEnvironment('qa');
      const stack = stacks.find((candidate) => candidate.stackName === `${plugin}-qa`);
      const template = Template.fromStack(stack as NonNullable<typeof stack>);

      template.resourceCountIs('AWS::Lambda::Url', 1);
      template.resourceCountIs('AWS::SecretsManager::Secret', 1);
      template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
      template.resourceCountIs('Custom::BiotSubscriptions', 1);
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: { BIOT_APP_NAME: plugin } },
      });
      expect(Object.keys(template.findResources('AWS::CloudWatch::Alarm')).length).toBeGreaterThanOrEqual(3);
    },
  );

  it('schedules only the plugins whose definition has a schedule', () => {
    const { stacks } = synthEnvironment('qa');
    const schedules = stacks.map((stack) => [
      stack.stackName,
      Object.keys(Template.fromStack(stack).findResources('AWS::Scheduler::Schedule')).length,
    ]);

    expect(schedules).toEqual([
      ['audit-trail-qa', 0],
      ['nightly-report-qa', 1],
    ]);
  });

  it('adds only the plugins the environment names', () => {
    const { stacks } = synthEnvironment('qa', { environments: withAuditTrail({}) });

    expect(stacks.map((stack) => stack.stackName)).toEqual(['audit-trail-qa']);
  });

  it('needs no plugin that no environment names', () => {
    const { stacks } = synthEnvironment('qa', { environments: withAuditTrail({}), plugins: [AUDIT_TRAIL] });

    expect(stacks).toHaveLength(1);
  });
});

describe('the app refuses to synthesize', () => {
  it('without an environment, listing the valid names', () => {
    expect(() => synthEnvironment(undefined)).toThrow(
      new UnknownEnvironmentError(undefined, Object.keys(FIXTURE_ENVIRONMENTS)),
    );
    expect(() => synthEnvironment(undefined)).toThrow(
      'No environment given. Pass -c env=<name>, one of: qa, live.',
    );
  });

  it('an unknown environment, listing the valid names', () => {
    expect(() => synthEnvironment('prod')).toThrow(
      'Unknown environment "prod". Pass -c env=<name>, one of: qa, live.',
    );
  });

  it('an environment naming a plugin that does not exist, listing the plugins that do', () => {
    const environments = { qa: { ...QA, plugins: { ...QA.plugins, 'audit-trial': {} } } };

    expect(() => synthEnvironment('qa', { environments })).toThrow(UnknownPluginError);
    expect(() => synthEnvironment('qa', { environments })).toThrow(
      'Environment "qa" deploys plugin "audit-trial", but there is no such plugin in packages/plugins; ' +
        'the plugins are: audit-trail, nightly-report.',
    );
  });

  it("subscriptions in a plugin's definition that BioT's vocabulary lacks, naming the entry", () => {
    const typo: DeployablePlugin = {
      definition: definePlugin({
        name: 'audit-trail',
        hooks: { notification: () => {} },
        subscriptions: { notifications: [{ entityTypeName: 'pateint', actionName: '_create' }] },
      }),
      handlerFile: AUDIT_TRAIL.handlerFile,
    };
    const attempt = () => synthEnvironment('qa', { environments: withAuditTrail({}), plugins: [typo] });

    expect(attempt).toThrow(PluginDeploymentError);
    expect(attempt).toThrow(
      /Cannot deploy plugin "audit-trail" to environment "qa":\n {2}- plugin\.subscriptions\.notifications\[0\] \(pateint _create\): entityTypeName "pateint"/,
    );
  });

  it("an environment's subscriptions that BioT's vocabulary lacks, naming the entry", () => {
    const environments = withAuditTrail({
      subscriptions: (declared) => ({
        ...declared,
        notifications: [{ entityTypeName: 'patient', actionName: '_start' }],
      }),
    });

    expect(() => synthEnvironment('qa', { environments })).toThrow(
      /plugins\.audit-trail\.subscriptions\.notifications\[0\] \(patient _start\): actionName "_start" is not an action/,
    );
  });

  it('an apiId on an ADAPT_ENTITY interception', () => {
    const environments = withAuditTrail({
      subscriptions: {
        notifications: [],
        interceptions: [{ type: 'ADAPT_ENTITY', entityName: 'patient', apiId: 'GET/device/v2/devices' }],
      },
    });

    expect(() => synthEnvironment('qa', { environments })).toThrow(
      /plugins\.audit-trail\.subscriptions\.interceptions\[0\] \(ADAPT_ENTITY GET\/device\/v2\/devices\): apiId is for PRE_REQUEST and POST_REQUEST only/,
    );
  });

  it('an entityName on a PRE_REQUEST interception', () => {
    const environments = withAuditTrail({
      subscriptions: {
        notifications: [],
        interceptions: [{ type: 'PRE_REQUEST', apiId: 'GET/device/v2/devices', entityName: 'device' }],
      },
    });

    expect(() => synthEnvironment('qa', { environments })).toThrow(
      /plugins\.audit-trail\.subscriptions\.interceptions\[0\] \(PRE_REQUEST GET\/device\/v2\/devices\): entityName is for ADAPT_ENTITY only/,
    );
  });

  it("an environment's subscription for a hook the plugin lacks", () => {
    const environments = withAuditTrail({
      subscriptions: (declared) => ({
        ...declared,
        interceptions: [...declared.interceptions, { type: 'POST_REQUEST', apiId: 'GET/device/v2/devices' }],
      }),
    });

    expect(() => synthEnvironment('qa', { environments })).toThrow(
      /plugins\.audit-trail\.subscriptions\.interceptions\[2\] \(POST_REQUEST GET\/device\/v2\/devices\) makes BioT send INTERCEPTOR_POST events, but the plugin has no postRequest hook/,
    );
  });

  it('a schedule in a time zone that does not exist', () => {
    const misplaced: DeployablePlugin = {
      definition: definePlugin({
        name: 'nightly-report',
        hooks: { scheduled: () => ({}) },
        subscriptions: {},
        schedule: { expression: 'cron(0 6 * * ? *)', timezone: 'Europe/Berln' },
      }),
      handlerFile: NIGHTLY_REPORT.handlerFile,
    };

    expect(() => synthEnvironment('qa', { plugins: [AUDIT_TRAIL, misplaced] })).toThrow(
      'Cannot deploy plugin "nightly-report" to environment "qa":\n' +
        '  - plugin.schedule.timezone "Europe/Berln" is not an IANA time zone such as Europe/Berlin',
    );
  });
});

describe('cdk synth', () => {
  it('prints a config mistake as one message, without a stack trace, and exits 1', () => {
    const app = fileURLToPath(new URL('../../bin/app.ts', import.meta.url));

    const run = spawnSync(process.execPath, ['--import', 'tsx', app], {
      encoding: 'utf8',
      // How the CDK CLI hands `-c env=…` to the app.
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ env: 'no-such-environment' }) },
    });

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^Unknown environment "no-such-environment"\. Pass -c env=<name>, one of: .+\.\n$/,
    );
  });
});
