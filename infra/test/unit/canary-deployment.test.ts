import { describe, expect, it } from 'vitest';
import { SUBSCRIPTIONS_RESOURCE_TYPE } from '../../lib/construct/biot-subscriptions.js';
import { resolvePluginDeployments } from '../../lib/settings/environment-config.js';
import { EnvironmentSettingsError } from '../../lib/settings/errors.js';
import { LIVE, QA } from '../support/fixtures.js';
import { type SynthStack, synthQaWith, synthStack } from '../support/synth.js';
import { logicalIdOf, type Resource, resource } from '../support/template-queries.js';

// audit-trail has interceptors, so all three rollback alarms; nightly-report has a schedule only.
const qa = synthStack('audit-trail', 'qa');
const live = synthStack('audit-trail', 'live');
const liveScheduled = synthStack('nightly-report', 'live');

const functionId = (synth: SynthStack) => logicalIdOf(synth, synth.stack.plugin.function);
const aliasId = (synth: SynthStack) => logicalIdOf(synth, synth.stack.plugin.alias);
const resourcesOf = (synth: SynthStack, type: string) =>
  Object.entries(synth.template.findResources(type) as Record<string, Resource>);

describe('the live alias', () => {
  it.each([
    ['qa', qa],
    ['live', live],
  ])('points at the version this deploy publishes, in %s', (_, synth) => {
    const alias = resource(synth, aliasId(synth));
    const [[versionId, version]] = resourcesOf(synth, 'AWS::Lambda::Version') as [[string, Resource]];

    expect(alias.Properties).toMatchObject({
      Name: 'live',
      FunctionName: { Ref: functionId(synth) },
      FunctionVersion: { 'Fn::GetAtt': [versionId, 'Version'] },
    });
    expect(version.Properties.FunctionName).toEqual({ Ref: functionId(synth) });
  });

  it('keeps every version in production, for an operator who moves live back by hand, and none elsewhere', () => {
    const policyOf = (synth: SynthStack) =>
      resourcesOf(synth, 'AWS::Lambda::Version').map(([, version]) => version.DeletionPolicy);

    expect(policyOf(live)).toEqual(['Retain']);
    expect(policyOf(qa)).toEqual(['Delete']);
  });

  it("publishes a new version when the function's code or configuration changes", () => {
    const versionIds = (synth: SynthStack) => resourcesOf(synth, 'AWS::Lambda::Version').map(([id]) => id);
    const moreMemory = synthQaWith('audit-trail', { environment: { memoryMb: 512 } });

    expect(versionIds(moreMemory)).not.toEqual(versionIds(synthQaWith('audit-trail', {})));
  });
});

describe('the Function URL', () => {
  it.each([
    ['qa', qa],
    ['live', live],
  ])('belongs to the live alias, not the function, in %s', (_, synth) => {
    const urls = resourcesOf(synth, 'AWS::Lambda::Url');

    expect(urls).toHaveLength(1);
    expect(urls[0]?.[1].Properties).toEqual({
      AuthType: 'NONE',
      TargetFunctionArn: { 'Fn::GetAtt': [functionId(synth), 'Arn'] },
      Qualifier: 'live',
    });
  });

  it('may be called by anyone on the alias only: the URL permission and the invoke permission AWS requires with it', () => {
    const permissions = resourcesOf(live, 'AWS::Lambda::Permission')
      .map(([, permission]) => permission.Properties)
      .filter((properties) => properties.Principal === '*');

    expect(permissions).toEqual(
      expect.arrayContaining([
        {
          Action: 'lambda:InvokeFunctionUrl',
          FunctionName: { Ref: aliasId(live) },
          FunctionUrlAuthType: 'NONE',
          Principal: '*',
        },
        {
          Action: 'lambda:InvokeFunction',
          FunctionName: { Ref: aliasId(live) },
          InvokedViaFunctionUrl: true,
          Principal: '*',
        },
      ]),
    );
    expect(permissions).toHaveLength(2);
  });

  it('is what the stack registers with BioT, so a deploy never changes what BioT calls', () => {
    const [[, subscriptions]] = resourcesOf(live, SUBSCRIPTIONS_RESOURCE_TYPE) as [[string, Resource]];
    const [[urlId]] = resourcesOf(live, 'AWS::Lambda::Url') as [[string, Resource]];

    expect(subscriptions.Properties.endpoint).toEqual({ 'Fn::GetAtt': [urlId, 'FunctionUrl'] });
    expect(live.template.toJSON().Outputs.FunctionUrl.Value).toEqual({
      'Fn::GetAtt': [urlId, 'FunctionUrl'],
    });
  });
});

describe('a production deploy', () => {
  const group = (synth: SynthStack) => {
    const deployment = synth.stack.plugin.deployment;
    if (deployment === undefined) throw new Error('no canary deployment');
    return resource(synth, logicalIdOf(synth, deployment.group));
  };
  const config = (synth: SynthStack) => {
    const deployment = synth.stack.plugin.deployment;
    if (deployment === undefined) throw new Error('no canary deployment');
    return resource(synth, logicalIdOf(synth, deployment.config));
  };

  it('shifts 10 % of the traffic to the new version for 5 minutes by default, then the rest', () => {
    expect(config(live).Properties).toEqual({
      ComputePlatform: 'Lambda',
      TrafficRoutingConfig: {
        Type: 'TimeBasedCanary',
        TimeBasedCanary: { CanaryPercentage: 10, CanaryInterval: 5 },
      },
    });
    expect(group(live).Properties.DeploymentConfigName).toEqual({
      Ref: logicalIdOf(live, live.stack.plugin.deployment?.config as never),
    });
  });

  it("takes the environment's canary", () => {
    const environments = { live: { ...LIVE, canary: { percent: 25, minutes: 15 } } };
    const custom = synthStack('audit-trail', 'live', { environments });

    expect(config(custom).Properties.TrafficRoutingConfig).toEqual({
      Type: 'TimeBasedCanary',
      TimeBasedCanary: { CanaryPercentage: 25, CanaryInterval: 15 },
    });
  });

  it('is done by CodeDeploy moving the live alias', () => {
    const alias = resource(live, aliasId(live));

    expect(alias.UpdatePolicy).toEqual({
      CodeDeployLambdaAliasUpdate: {
        ApplicationName: { Ref: logicalIdOf(live, live.stack.plugin.deployment?.group.application as never) },
        DeploymentGroupName: { Ref: logicalIdOf(live, live.stack.plugin.deployment?.group as never) },
      },
    });
  });

  it('rolls back when the error rate, the interceptor p99 or the BioT API errors alarm fires, or the deployment fails or is stopped', () => {
    const alarms = live.stack.plugin.alarms;
    const names = (group(live).Properties.AlarmConfiguration as { Alarms: { Name: unknown }[] }).Alarms.map(
      ({ Name }) => Name,
    );

    expect(names).toEqual(
      [alarms.errorRate, alarms.biotApiErrors, alarms.interceptorLatency].map((alarm) => ({
        Ref: logicalIdOf(live, alarm as never),
      })),
    );
    expect(group(live).Properties.AutoRollbackConfiguration).toEqual({
      Enabled: true,
      Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM'],
    });
  });

  it('does not roll back for notification silence, which says nothing about the new version', () => {
    const environments = { live: { ...LIVE, alarms: { ...LIVE.alarms, notificationSilenceMinutes: 60 } } };
    const silent = synthStack('audit-trail', 'live', { environments });
    const silence = silent.stack.plugin.alarms.notificationSilence;
    if (silence === undefined) throw new Error('no silence alarm');

    expect(JSON.stringify(group(silent).Properties.AlarmConfiguration)).not.toContain(
      logicalIdOf(silent, silence as never),
    );
  });

  it('rolls back on the error rates only for a plugin without interceptors', () => {
    const alarms = liveScheduled.stack.plugin.alarms;

    expect((group(liveScheduled).Properties.AlarmConfiguration as { Alarms: unknown[] }).Alarms).toEqual(
      [alarms.errorRate, alarms.biotApiErrors].map((alarm) => ({
        Name: { Ref: logicalIdOf(liveScheduled, alarm as never) },
      })),
    );
  });
});

describe('a deploy outside production', () => {
  it('moves the live alias at once: no CodeDeploy', () => {
    expect(qa.stack.plugin.deployment).toBeUndefined();
    for (const type of [
      'AWS::CodeDeploy::Application',
      'AWS::CodeDeploy::DeploymentGroup',
      'AWS::CodeDeploy::DeploymentConfig',
    ]) {
      qa.template.resourceCountIs(type, 0);
    }
    expect(resource(qa, aliasId(qa)).UpdatePolicy).toBeUndefined();
  });

  it('refuses a canary in the config, at the environment or a plugin entry', () => {
    const problems = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (error instanceof EnvironmentSettingsError) return error.problems;
        throw error;
      }
      return [];
    };
    const canary = { percent: 10, minutes: 5 };

    expect(
      problems(() =>
        resolvePluginDeployments('qa', {
          ...QA,
          canary,
          plugins: { ...QA.plugins, 'audit-trail': { ...QA.plugins['audit-trail'], canary } },
        }),
      ),
    ).toEqual([
      'canary is set but the environment is not production: outside production a deploy shifts all traffic at once (no CodeDeploy); remove canary or mark the environment production: true',
      'plugins.audit-trail.canary is set but the environment is not production: outside production a deploy shifts all traffic at once (no CodeDeploy); remove canary or mark the environment production: true',
    ]);
  });

  it('and a canary CodeDeploy cannot run, in production', () => {
    expect(() => resolvePluginDeployments('live', { ...LIVE, canary: { percent: 100, minutes: 0 } })).toThrow(
      /canary\.percent 100 is not a whole number 1–99[\s\S]*canary\.minutes 0 is not a whole number 1–2880/,
    );
  });
});
