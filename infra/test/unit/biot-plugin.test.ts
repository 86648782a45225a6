import { DEFAULTS, ENV } from '@biot-plugin/core';
import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_SETTINGS } from '../../lib/settings/alarm-settings.js';
import { DEFAULT_RESERVED_CONCURRENCY } from '../../lib/settings/plugin-settings.js';
import { LIVE, QA } from '../support/fixtures.js';
import { synthQaWith, synthStack } from '../support/synth.js';

type Resources = Record<string, { Properties: Record<string, unknown> } & Record<string, unknown>>;
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

// The audit-trail fixture plugin in a non-production and a production fixture environment.
const dev = synthStack('audit-trail', 'qa');
const prod = synthStack('audit-trail', 'live');

type Synth = Pick<typeof dev, 'stack' | 'template'>;

// The stack holds other functions, roles and log groups (the subscriptions custom resource): these
// tests look at the plugin's own, found by logical id.
function logicalIdOf(synth: Synth, scope: { node: { defaultChild?: unknown } }): string {
  return synth.stack.getLogicalId(scope.node.defaultChild as CfnElement);
}

function pluginFunction(synth: Synth): Resources[string] {
  return (synth.template.toJSON().Resources as Resources)[
    logicalIdOf(synth, synth.stack.plugin.function)
  ] as Resources[string];
}

function functionEnvironment(synth: Synth): Record<string, unknown> {
  return (pluginFunction(synth).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
}

function pluginLogGroupId(synth: Synth): string {
  return logicalIdOf(synth, synth.stack.plugin.logGroup);
}

function secretLogicalId(template: typeof dev.template): string {
  const ids = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
  expect(ids).toHaveLength(1);
  return ids[0] as string;
}

/** What the plugin function's role may do. */
function iamStatements(synth: Synth): Statement[] {
  const role = synth.stack.plugin.function.role;
  if (role === undefined) throw new Error('the plugin function has no role');
  const roleRef = { Ref: logicalIdOf(synth, role) };
  const policies = Object.values(synth.template.findResources('AWS::IAM::Policy') as Resources).filter((p) =>
    (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify(roleRef)),
  );
  return policies.flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('the plugin function', () => {
  it('runs on nodejs22.x on ARM64 with handler index.handler', () => {
    dev.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
    });
  });

  it("takes memory, timeout and reserved concurrency from the environment's config", () => {
    expect(pluginFunction(prod).Properties).toMatchObject({
      MemorySize: LIVE.memoryMb,
      Timeout: LIVE.timeoutSeconds,
      ReservedConcurrentExecutions: LIVE.reservedConcurrency,
    });
  });

  it("takes the plugin entry's settings over the environment's", () => {
    const synth = synthStack('nightly-report', 'live');
    const overrides = LIVE.plugins['nightly-report'];

    expect(pluginFunction(synth).Properties).toMatchObject({
      MemorySize: overrides.memoryMb,
      Timeout: overrides.timeoutSeconds,
      ReservedConcurrentExecutions: overrides.reservedConcurrency,
    });
  });

  it('reserves the default concurrency when the config names none, so a flood is throttled at it', () => {
    expect(pluginFunction(dev).Properties.ReservedConcurrentExecutions).toBe(DEFAULT_RESERVED_CONCURRENCY);
  });

  it('reserves none where the config says false (an account whose limit allows no reservation)', () => {
    const synth = synthQaWith('audit-trail', { environment: { reservedConcurrency: false } });

    expect(pluginFunction(synth).Properties).not.toHaveProperty('ReservedConcurrentExecutions');
  });

  it('traces actively with X-Ray', () => {
    dev.template.hasResourceProperties('AWS::Lambda::Function', { TracingConfig: { Mode: 'Active' } });
  });

  it('is reachable through a Function URL with auth NONE, since BioT cannot sign SigV4', () => {
    dev.template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE' });
    dev.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunctionUrl',
      FunctionUrlAuthType: 'NONE',
      Principal: '*',
    });
  });
});

describe('the environment variables', () => {
  it('set every variable the runtime reads except the secret key, the obsolete public key, the idempotency table and the operations user', () => {
    const variables = functionEnvironment(dev);
    const unset: string[] = [
      ENV.serviceUserSecretKey,
      ENV.publicKey,
      ENV.idempotencyTable,
      ENV.operationsUserId,
      ENV.operationsSecretArn,
    ];
    const expected = Object.values(ENV).filter((name) => !unset.includes(name));

    expect(Object.keys(variables).sort()).toEqual([...expected].sort());
  });

  it("carry the environment's BioT settings, the plugin's service user, and the plugin's name as the app name", () => {
    const variables = functionEnvironment(prod);

    expect(variables).toMatchObject({
      [ENV.baseUrl]: LIVE.biotBaseUrl,
      [ENV.appName]: 'audit-trail',
      [ENV.environment]: LIVE.biotEnvironment,
      [ENV.serviceUserId]: LIVE.plugins['audit-trail'].serviceUserId,
    });
  });

  it("carry the runtime's defaults where the config sets nothing", () => {
    const variables = functionEnvironment(dev);

    expect(variables).toMatchObject({
      [ENV.shouldValidateJwt]: 'true',
      [ENV.notificationScope]: DEFAULTS.notificationScope,
      [ENV.interceptionScope]: DEFAULTS.interceptionScope,
      [ENV.secretMaxAgeSeconds]: String(DEFAULTS.secretMaxAgeSeconds),
      [ENV.publicKeyMaxAgeSeconds]: String(DEFAULTS.publicKeyMaxAgeSeconds),
      [ENV.httpTimeoutMs]: String(DEFAULTS.httpTimeoutMs),
      [ENV.httpRetryLimit]: String(DEFAULTS.httpRetryLimit),
      [ENV.logLevel]: DEFAULTS.logLevel,
    });
  });

  it('carry JWT scope and log level overrides', () => {
    const synth = synthQaWith('audit-trail', {
      environment: { jwt: { notificationScope: 'CUSTOM_NOTIFY' }, logLevel: 'WARN' },
      plugin: { jwt: { interceptionScope: 'CUSTOM_INTERCEPT' } },
    });

    expect(functionEnvironment(synth)).toMatchObject({
      [ENV.notificationScope]: 'CUSTOM_NOTIFY',
      [ENV.interceptionScope]: 'CUSTOM_INTERCEPT',
      [ENV.logLevel]: 'WARN',
    });
  });

  it('point at the secret by ARN and keep the source-map flag off the cold start', () => {
    const variables = functionEnvironment(dev);

    expect(variables[ENV.serviceUserSecretArn]).toEqual({ Ref: secretLogicalId(dev.template) });
    // The runtime maps a logged error's stack itself; Node's flag would parse the map at every cold start.
    expect(variables.NODE_OPTIONS).toBeUndefined();
  });
});

describe('the service-user secret', () => {
  it('is created with the placeholder the runtime recognises, as a generator so no value is in the template', () => {
    // Pinned on purpose: CloudFormation writes a new secret value whenever this block changes, so
    // changing it would overwrite the real key in every deployed environment on the next deploy.
    dev.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { SecretStringTemplate: '{"keyId":"NOT_SET"}', GenerateStringKey: 'secretKey' },
    });
  });

  it('never appears as a value anywhere in the template', () => {
    for (const { template } of [dev, prod]) {
      const json = JSON.stringify(template.toJSON());

      expect(json).not.toContain('"SecretString":');
      expect(json).not.toContain(ENV.serviceUserSecretKey);
      expect(json).not.toMatch(/resolve:secretsmanager/);
    }
  });

  it('may be read by the function, and no other secret may', () => {
    const secretStatements = iamStatements(dev).filter((s) =>
      actions(s).some((a) => a.startsWith('secretsmanager:')),
    );

    expect(secretStatements).toEqual([
      {
        Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
        Effect: 'Allow',
        Resource: { Ref: secretLogicalId(dev.template) },
      },
    ]);
  });

  it('grants no wildcard resource except for X-Ray, which has no resource-level permissions', () => {
    const wildcards = iamStatements(dev).filter((s) => s.Resource === '*');

    expect(wildcards.flatMap(actions).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  it('is referenced, not created, when the config names an existing secret', () => {
    const arn = 'arn:aws:secretsmanager:eu-central-1:111111111111:secret:biot/plugin-AbC123';
    const synth = synthQaWith('audit-trail', { plugin: { existingSecretArn: arn } });

    synth.template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(functionEnvironment(synth)[ENV.serviceUserSecretArn]).toBe(arn);
    expect(iamStatements(synth).filter((s) => actions(s).includes('secretsmanager:GetSecretValue'))).toEqual([
      expect.objectContaining({ Resource: arn }),
    ]);
  });

  it('is kept when a production stack is deleted and removed with a non-production one', () => {
    prod.template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
    dev.template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Delete' });
  });
});

describe('the log group', () => {
  it("keeps logs for the environment's retention and receives the function's logs", () => {
    for (const [synth, days] of [
      [dev, QA.logRetentionDays],
      [prod, LIVE.logRetentionDays],
    ] as const) {
      const logGroupId = pluginLogGroupId(synth);

      expect(synth.template.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBe(days);
      expect(pluginFunction(synth).Properties.LoggingConfig).toEqual({ LogGroup: { Ref: logGroupId } });
    }
  });

  it('is the only place the function may write logs to', () => {
    const logStatements = iamStatements(dev).filter((s) => actions(s).some((a) => a.startsWith('logs:')));
    const logGroupId = pluginLogGroupId(dev);

    expect(logStatements).toEqual([
      expect.objectContaining({ Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } }),
    ]);
    dev.template.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });
});

describe('the alarms', () => {
  const timeoutMs = LIVE.timeoutSeconds * 1000;

  // Lambda's own metrics of the live alias: what carries BioT's calls.
  const aliasDimensions = (synth: Synth) => [
    { Name: 'FunctionName', Value: { Ref: logicalIdOf(synth, synth.stack.plugin.function) } },
    {
      Name: 'Resource',
      Value: { 'Fn::Join': ['', [{ Ref: logicalIdOf(synth, synth.stack.plugin.function) }, ':live']] },
    },
  ];

  it("watch the live alias's failures, throttles and p99 duration near the timeout", () => {
    const onAlias = { Namespace: 'AWS/Lambda', Dimensions: aliasDimensions(prod) };
    prod.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...onAlias,
      MetricName: 'Errors',
      Threshold: 1,
    });
    prod.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...onAlias,
      MetricName: 'Throttles',
      Threshold: 1,
    });
    prod.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...onAlias,
      MetricName: 'Duration',
      ExtendedStatistic: 'p99',
      Threshold: timeoutMs * DEFAULT_ALARM_SETTINGS.durationShareOfTimeout,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('notify an encrypted SNS topic with an e-mail subscription when an e-mail is configured', () => {
    const topicId = Object.keys(prod.template.findResources('AWS::SNS::Topic'))[0];
    const alarms = Object.values(prod.template.findResources('AWS::CloudWatch::Alarm') as Resources);

    prod.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: LIVE.alarmEmail,
    });
    prod.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
    }
  });

  it("let CloudWatch publish to the topic and use the topic's key", () => {
    prod.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sns:Publish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
          }),
        ]),
      },
    });
    prod.template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Principal: { Service: 'cloudwatch.amazonaws.com' },
          }),
        ]),
      },
    });
  });

  it('exist without a topic when no e-mail is configured', () => {
    expect(dev.stack.plugin.alarms.all.length).toBeGreaterThan(0);
    dev.template.resourceCountIs('AWS::CloudWatch::Alarm', dev.stack.plugin.alarms.all.length);
    dev.template.resourceCountIs('AWS::SNS::Topic', 0);
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: Match.absent() });
  });
});

describe('the stack', () => {
  it('is named after the plugin and the environment', () => {
    expect(dev.stack.stackName).toBe('audit-trail-qa');
    expect(prod.stack.stackName).toBe('audit-trail-live');
  });

  it("goes to the environment's account and region", () => {
    expect([prod.stack.account, prod.stack.region]).toEqual([LIVE.account, LIVE.region]);
  });

  it('tags its resources with the plugin and the environment', () => {
    expect(pluginFunction(prod).Properties.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'biot-plugin:plugin', Value: 'audit-trail' },
        { Key: 'biot-plugin:environment', Value: 'live' },
      ]),
    );
  });

  it('outputs the Function URL, the secret ARN, the function names, the alias, its log group, the dashboard and the registration', () => {
    const outputs = dev.template.toJSON().Outputs;

    expect(Object.keys(outputs).sort()).toEqual([
      'DashboardName',
      'FunctionName',
      'FunctionUrl',
      'LiveAliasArn',
      'LogGroupName',
      'RotationFunctionName',
      'SecretArn',
      'SubscriptionsStatus',
    ]);
    expect(outputs.SecretArn.Value).toEqual({ Ref: secretLogicalId(dev.template) });
  });

  it('is protected from deletion in production only', () => {
    expect(prod.stack.terminationProtection).toBe(true);
    expect(dev.stack.terminationProtection).toBe(false);
  });
});
