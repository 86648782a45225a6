import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_TABLE_VARIABLE, REPEAT_CHECK_ACTIONS } from '../../lib/construct/repeat-check-table.js';
import { synthQaWith, synthStack } from '../support/synth.js';
import { actionsOf, logicalIdOf, resource, roleIdOf, statementsOf } from '../support/template-queries.js';

// live enables repeatCheckAcrossContainers (production); qa does not.
const live = synthStack('audit-trail', 'live');
type Synth = typeof live;
const tableId = (synth: Synth) => {
  const ids = Object.keys(synth.template.findResources('AWS::DynamoDB::Table'));
  expect(ids).toHaveLength(1);
  return ids[0] as string;
};
const pluginFunction = (synth: Synth) => resource(synth, logicalIdOf(synth, synth.stack.plugin.function));

describe('the repeat check across containers', () => {
  it("is a table in Powertools Idempotency's layout: key id (string), TTL on expiration, on demand, encrypted", () => {
    live.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
      // SSEEnabled: the AWS-managed KMS key aws/dynamodb (not the AWS-owned default).
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('is kept when a production stack is deleted and removed with a non-production one', () => {
    const qa = synthQaWith('audit-trail', { environment: { repeatCheckAcrossContainers: true } });

    live.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
    qa.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    qa.template.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
    });
  });

  it('is named to the plugin function in BIOT_IDEMPOTENCY_TABLE', () => {
    const variables = (pluginFunction(live).Properties.Environment as { Variables: Record<string, unknown> })
      .Variables;

    expect(variables[IDEMPOTENCY_TABLE_VARIABLE]).toEqual({ Ref: tableId(live) });
  });

  it('lets the plugin function get, put, update and delete items of this table, and nothing else', () => {
    const statements = statementsOf(live, roleIdOf(pluginFunction(live))).filter((s) =>
      actionsOf(s).some((action) => action.startsWith('dynamodb:')),
    );

    expect(statements).toEqual([
      {
        Action: [...REPEAT_CHECK_ACTIONS].sort(),
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [tableId(live), 'Arn'] },
      },
    ]);
  });

  it('gives no other Lambda of the stack access to the table', () => {
    for (const fn of [live.stack.rotation.function, live.stack.subscriptions.handler]) {
      const statements = statementsOf(live, roleIdOf(resource(live, logicalIdOf(live, fn))));
      expect(statements.flatMap(actionsOf).filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
    }
  });

  it('is absent unless the environment or the plugin enables it', () => {
    const qa = synthStack('audit-trail', 'qa');

    qa.template.resourceCountIs('AWS::DynamoDB::Table', 0);
    expect(
      (pluginFunction(qa).Properties.Environment as { Variables: Record<string, unknown> }).Variables,
    ).not.toHaveProperty(IDEMPOTENCY_TABLE_VARIABLE);
  });
});
