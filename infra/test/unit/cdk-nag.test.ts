import { Validations } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { FIXTURE_ENVIRONMENTS } from '../support/fixtures.js';
import { synthEnvironment, synthQaWith } from '../support/synth.js';

function acknowledgments(scope: IConstruct): Record<string, string> {
  const found: Record<string, string> = {};
  for (const construct of scope.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found[id.replace(/^annotation::/i, '')] = reason;
      }
    }
  }
  return found;
}

describe('cdk-nag AwsSolutions checks', () => {
  it.each(Object.keys(FIXTURE_ENVIRONMENTS))(
    'find nothing unacknowledged in any stack of the %s fixture environment',
    (name) => {
      const { app } = synthEnvironment(name);

      expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
    },
  );

  it('find nothing unacknowledged with an existing secret and JWT validation off', () => {
    const { app } = synthQaWith('audit-trail', {
      environment: { jwt: { validate: false }, alarmEmail: 'ops@example.com' },
      plugin: {
        existingSecretArn: 'arn:aws:secretsmanager:eu-west-1:444444444444:secret:biot/plugin-AbC123',
      },
    });

    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });

  it('find nothing unacknowledged with the repeat-check table outside production', () => {
    const { app } = synthQaWith('audit-trail', {
      environment: { repeatCheckAcrossContainers: true },
      plugin: { operationsUserId: '00000000-0000-4000-8000-0000000000e1' },
    });

    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });

  it('acknowledge only the reviewed findings, each with a real reason', () => {
    const { app } = synthEnvironment('live');
    const acknowledged = acknowledgments(app);

    expect(Object.keys(acknowledged).sort()).toEqual([
      // CodeDeploy's role for the canary: CDK always attaches this AWS-managed policy.
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      'AwsSolutions-IAM5[Resource::*]',
      // The Provider framework's invoke grant on the registration Lambda's versions, and nothing wider.
      'AwsSolutions-IAM5[Resource::<SubscriptionsHandlerFunctionA5A56149.Arn>:*]',
      'AwsSolutions-L1',
    ]);
    for (const reason of Object.values(acknowledged)) expect(reason.length).toBeGreaterThan(100);
  });

  it('fail synth on a finding nobody acknowledged', () => {
    const { app, stack } = synthQaWith('audit-trail', {});
    new Topic(stack, 'UnencryptedTopic');

    expect(() => app.synth({ force: true })).toThrow(/AwsSolutions-SNS3/);
  });
});
