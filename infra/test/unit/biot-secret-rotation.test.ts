import { ROTATION_FAILURE_TAG } from '@biot-plugin/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROTATION_INTERVAL_DAYS } from '../../lib/settings/plugin-settings.js';
import { LIVE } from '../support/fixtures.js';
import { synthQaWith, synthStack } from '../support/synth.js';
import {
  actionsOf,
  logicalIdOf,
  type Resource,
  resource,
  roleIdOf,
  statementsOf,
} from '../support/template-queries.js';

const dev = synthStack('audit-trail', 'qa');
const prod = synthStack('audit-trail', 'live');
type Synth = typeof dev;

const rotationFunction = (synth: Synth) => resource(synth, logicalIdOf(synth, synth.stack.rotation.function));
const schedule = (synth: Synth) => {
  const schedules = Object.values(
    synth.template.findResources('AWS::SecretsManager::RotationSchedule'),
  ) as Resource[];
  // The plugin secret's; a stack with an operations user rotates that user's secret too.
  const rotationLambda = { 'Fn::GetAtt': [logicalIdOf(synth, synth.stack.rotation.function), 'Arn'] };
  const ofPluginSecret = schedules.filter(
    (candidate) => JSON.stringify(candidate.Properties.RotationLambdaARN) === JSON.stringify(rotationLambda),
  );
  expect(ofPluginSecret).toHaveLength(1);
  return ofPluginSecret[0] as Resource;
};
const secretRef = (synth: Synth) => ({ Ref: logicalIdOf(synth, synth.stack.plugin.secret) });

describe('the rotation of the service-user secret', () => {
  it('rotates the plugin’s secret with the rotation Lambda', () => {
    const { Properties } = schedule(dev);

    expect(Properties.SecretId).toEqual(secretRef(dev));
    expect(Properties.RotationLambdaARN).toEqual({
      'Fn::GetAtt': [logicalIdOf(dev, dev.stack.rotation.function), 'Arn'],
    });
  });

  it('runs every 30 days unless the environment says otherwise', () => {
    expect(DEFAULT_ROTATION_INTERVAL_DAYS).toBe(30);
    expect(schedule(dev).Properties.RotationRules).toEqual({ ScheduleExpression: 'rate(30 days)' });
    const weekly = synthQaWith('audit-trail', { plugin: { rotationIntervalDays: 7 } });
    expect(schedule(weekly).Properties.RotationRules).toEqual({ ScheduleExpression: 'rate(7 days)' });
  });

  it('does not rotate on deploy: the first key comes from ops', () => {
    expect(schedule(prod).Properties.RotateImmediatelyOnUpdate).toBe(false);
  });

  it('runs the rotation package on nodejs22.x, ARM64, with BioT’s URL and the service user', () => {
    const { Properties } = rotationFunction(prod);

    expect(Properties.Runtime).toBe('nodejs22.x');
    expect(Properties.Architectures).toEqual(['arm64']);
    expect(Properties.Handler).toBe('index.handler');
    expect((Properties.Environment as { Variables: Record<string, string> }).Variables).toMatchObject({
      BIOT_BASE_URL: LIVE.biotBaseUrl,
      BIOT_SERVICE_USER_ID: LIVE.plugins['audit-trail'].serviceUserId,
    });
  });

  it('may read, write and re-stage that one secret and nothing else in Secrets Manager', () => {
    const statements = statementsOf(dev, roleIdOf(rotationFunction(dev)));
    const onSecrets = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));

    for (const statement of onSecrets) {
      if (actionsOf(statement).includes('secretsmanager:GetRandomPassword')) {
        expect(actionsOf(statement)).toEqual(['secretsmanager:GetRandomPassword']);
        continue;
      }
      expect(statement.Resource).toEqual(secretRef(dev));
    }
    expect(onSecrets.flatMap(actionsOf)).toEqual(
      expect.arrayContaining([
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        'secretsmanager:PutSecretValue',
        'secretsmanager:UpdateSecretVersionStage',
        'secretsmanager:TagResource',
      ]),
    );
  });

  it('may tag the secret only with its failure tag', () => {
    const tagging = statementsOf(dev, roleIdOf(rotationFunction(dev))).find((s) =>
      actionsOf(s).includes('secretsmanager:TagResource'),
    );
    expect(tagging?.Condition).toEqual({
      'ForAllValues:StringEquals': { 'aws:TagKeys': [ROTATION_FAILURE_TAG] },
    });
  });

  it('lets only Secrets Manager invoke the rotation Lambda', () => {
    const permissions = Object.values(dev.template.findResources('AWS::Lambda::Permission')) as Resource[];
    const invokers = permissions.filter(
      (p) =>
        JSON.stringify(p.Properties.FunctionName) ===
        JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(dev, dev.stack.rotation.function), 'Arn'] }),
    );
    expect(invokers.map((p) => p.Properties.Principal)).toEqual(['secretsmanager.amazonaws.com']);
  });

  it('rotates an existing secret referenced by ARN too', () => {
    const arn = 'arn:aws:secretsmanager:eu-central-1:111111111111:secret:biot/plugin-AbC123';
    const existing = synthQaWith('audit-trail', { plugin: { existingSecretArn: arn } });
    expect(schedule(existing).Properties.SecretId).toBe(arn);
  });
});
