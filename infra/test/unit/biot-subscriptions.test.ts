import { ENV } from '@biot-plugin/core';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  REGISTRATION_SERVICE_TIMEOUT,
  REGISTRATION_TIMEOUT,
  SUBSCRIPTIONS_RESOURCE_TYPE,
} from '../../lib/construct/biot-subscriptions.js';
import { LIVE, QA } from '../support/fixtures.js';
import { synthQaWith, synthStack } from '../support/synth.js';
import {
  actionsOf,
  logicalIdOf,
  type Resource,
  resource,
  roleIdOf,
  type Synth,
  statementsOf,
} from '../support/template-queries.js';

const dev = synthStack('audit-trail', 'qa');
const prod = synthStack('audit-trail', 'live');

function subscriptionsResource(synth: Synth): Resource {
  const resources = Object.values(synth.template.findResources(SUBSCRIPTIONS_RESOURCE_TYPE)) as Resource[];
  expect(resources).toHaveLength(1);
  return resources[0] as Resource;
}

function handler(synth: Synth): Resource {
  return resource(synth, logicalIdOf(synth, synth.stack.subscriptions.handler));
}

function handlerRoleId(synth: Synth): string {
  return roleIdOf(handler(synth));
}

function providerRoleId(synth: Synth): string {
  const framework = Object.entries(
    synth.template.findResources('AWS::Lambda::Function') as Record<string, Resource>,
  ).find(([, fn]) => fn.Properties.Handler === 'framework.onEvent');
  expect(framework).toBeDefined();
  return roleIdOf(framework?.[1] as Resource);
}

const secretRef = (synth: Synth) => ({ Ref: logicalIdOf(synth, synth.stack.plugin.secret) });
const actions = actionsOf;

describe('the subscriptions custom resource', () => {
  it("is backed by the Provider framework and names the plugin's Function URL as the endpoint", () => {
    const { Properties } = subscriptionsResource(dev);

    expect(Properties.ServiceToken).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^SubscriptionsProviderframeworkonEvent/), 'Arn'],
    });
    expect(Properties.endpoint).toEqual({
      'Fn::GetAtt': [logicalIdOf(dev, dev.stack.plugin.functionUrl), 'FunctionUrl'],
    });
  });

  it("carries the plugin definition's subscriptions, in canonical order", () => {
    const { Properties } = subscriptionsResource(dev);

    expect(Properties.notifications).toEqual([
      { entityTypeName: 'patient', actionName: '_create' },
      { entityTypeName: 'patient', actionName: '_update' },
    ]);
    expect(Properties.interceptions).toEqual([
      { type: 'PRE_REQUEST', apiId: 'DELETE/organization/v1/users/patients/{id}', executionOrder: 20 },
      { type: 'PRE_REQUEST', apiId: 'GET/organization/v1/users/patients', executionOrder: 20 },
    ]);
  });

  it('does not change when an override lists the same subscriptions in another order', () => {
    const reordered = synthQaWith('audit-trail', {
      plugin: {
        subscriptions: (declared) => ({
          notifications: [...declared.notifications].reverse(),
          interceptions: [...declared.interceptions].reverse(),
        }),
      },
    });

    expect(subscriptionsResource(reordered).Properties).toEqual(subscriptionsResource(dev).Properties);
  });

  it('carries what an environment changes in the declared set', () => {
    const reordered = synthQaWith('audit-trail', {
      plugin: {
        subscriptions: (declared) => ({
          notifications: declared.notifications.filter((n) => n.actionName === '_create'),
          interceptions: declared.interceptions.map((i) => ({ ...i, executionOrder: 5 })),
        }),
      },
    });

    expect(subscriptionsResource(reordered).Properties).toMatchObject({
      notifications: [{ entityTypeName: 'patient', actionName: '_create' }],
      interceptions: [
        expect.objectContaining({ executionOrder: 5 }),
        expect.objectContaining({ executionOrder: 5 }),
      ],
    });
  });

  it('carries the set an environment puts in place of the declared one', () => {
    const replaced = synthQaWith('audit-trail', {
      plugin: {
        subscriptions: {
          notifications: [{ entityTypeName: 'device', actionName: '_create' }],
          interceptions: [],
        },
      },
    });

    expect(subscriptionsResource(replaced).Properties).toMatchObject({
      notifications: [{ entityTypeName: 'device', actionName: '_create' }],
      interceptions: [],
    });
  });

  it('still exists, with empty lists, for a plugin that declares none', () => {
    const none = synthStack('nightly-report', 'qa');

    expect(subscriptionsResource(none).Properties).toMatchObject({ notifications: [], interceptions: [] });
  });

  it('makes CloudFormation give up after a bounded time instead of the default hour', () => {
    expect(subscriptionsResource(dev).Properties.ServiceTimeout).toBe(
      String(REGISTRATION_SERVICE_TIMEOUT.toSeconds()),
    );
    expect(REGISTRATION_TIMEOUT.toSeconds()).toBeLessThan(REGISTRATION_SERVICE_TIMEOUT.toSeconds());
  });

  it('is removed when the stack is deleted, so the Delete unsubscribes everything', () => {
    expect(subscriptionsResource(prod).DeletionPolicy).toBe('Delete');
  });

  it('reports what the registration did as a stack output', () => {
    const outputs = dev.template.toJSON().Outputs;

    expect(outputs.SubscriptionsStatus.Value).toEqual({
      'Fn::GetAtt': [logicalIdOf(dev, dev.stack.subscriptions.resource), 'Summary'],
    });
  });
});

describe('the registration Lambda', () => {
  it('runs on nodejs22.x on ARM64 with a timeout that bounds the registration', () => {
    expect(handler(dev).Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: REGISTRATION_TIMEOUT.toSeconds(),
    });
  });

  it("logs in to the environment's BioT as the plugin's service user where it has no operations user", () => {
    expect(
      (handler(dev).Properties.Environment as { Variables: Record<string, unknown> }).Variables,
    ).toMatchObject({
      [ENV.baseUrl]: QA.biotBaseUrl,
      [ENV.serviceUserId]: QA.plugins['audit-trail'].serviceUserId,
      [ENV.serviceUserSecretArn]: secretRef(dev),
    });
  });

  it('may read the plugin secret and write its own log group, and nothing else', () => {
    const logGroupId = logicalIdOf(dev, dev.stack.subscriptions.logGroup);

    expect(statementsOf(dev, handlerRoleId(dev))).toEqual([
      {
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
      },
      {
        Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
        Effect: 'Allow',
        Resource: secretRef(dev),
      },
    ]);
    expect(handler(dev).Properties.LoggingConfig).toEqual({ LogGroup: { Ref: logGroupId } });
  });

  it('reads an existing secret by its ARN when the config names one', () => {
    const arn = 'arn:aws:secretsmanager:eu-central-1:111111111111:secret:biot/plugin-AbC123';
    const synth = synthQaWith('audit-trail', { plugin: { existingSecretArn: arn } });

    expect(
      statementsOf(synth, handlerRoleId(synth)).filter((s) =>
        actions(s).includes('secretsmanager:GetSecretValue'),
      ),
    ).toEqual([expect.objectContaining({ Resource: arn })]);
  });

  it("keeps its logs for the environment's retention, and keeps them in production", () => {
    const logGroup = resource(prod, logicalIdOf(prod, prod.stack.subscriptions.logGroup));

    expect(logGroup.Properties.RetentionInDays).toBe(LIVE.logRetentionDays);
    expect(logGroup.DeletionPolicy).toBe('Retain');
  });
});

describe("the Provider framework's function", () => {
  it('may invoke the registration Lambda and write its own log group, and nothing else', () => {
    const statements = statementsOf(dev, providerRoleId(dev));
    const handlerArn = { 'Fn::GetAtt': [logicalIdOf(dev, dev.stack.subscriptions.handler), 'Arn'] };

    expect(statements.flatMap(actions).sort()).toEqual([
      'lambda:GetFunction',
      'lambda:InvokeFunction',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
    expect(statements.find((s) => actions(s).includes('lambda:InvokeFunction'))?.Resource).toEqual([
      handlerArn,
      { 'Fn::Join': ['', [handlerArn, ':*']] },
    ]);
  });

  it('has no AWS managed policy, neither has any role of the stack', () => {
    dev.template.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });
});
