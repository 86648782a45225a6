import { ENV } from '@biot-plugin/core';
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, type ITable, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** The variable the runtime reads the table's name from: named once, in the runtime's ENV table. */
export const IDEMPOTENCY_TABLE_VARIABLE = ENV.idempotencyTable;

/**
 * The table's layout is Powertools Idempotency's default (DynamoDBPersistenceLayer): partition key
 * `id` (string), the record's expiry in `expiration` (epoch seconds) as the TTL attribute.
 */
export const REPEAT_CHECK_KEY = 'id';
export const REPEAT_CHECK_TTL_ATTRIBUTE = 'expiration';

/** What Powertools Idempotency does to a record: read, claim, complete, and release after a failure. */
export const REPEAT_CHECK_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

export interface RepeatCheckTableProps {
  /** Retains the table on delete and turns on point-in-time recovery. */
  readonly production: boolean;
  readonly pluginName: string;
}

/**
 * The DynamoDB table of the check for exact repeats across containers (README, Security): the
 * runtime records each (token, body) it ran, so the same notification sent to another container
 * within the token's life is answered without running the hook again. Records expire with the
 * token (DynamoDB's TTL removes them), so the table stays small; on-demand, since BioT's traffic
 * comes in bursts and an idle plugin then costs nothing.
 */
export class RepeatCheckTable extends Construct {
  readonly table: ITable;

  constructor(scope: Construct, id: string, props: RepeatCheckTableProps) {
    super(scope, id);
    const table = new Table(this, 'Table', {
      partitionKey: { name: REPEAT_CHECK_KEY, type: AttributeType.STRING },
      timeToLiveAttribute: REPEAT_CHECK_TTL_ATTRIBUTE,
      billingMode: BillingMode.PAY_PER_REQUEST,
      // A KMS key in the account (aws/dynamodb): every use of it is in CloudTrail.
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: props.production },
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.table = table;

    if (!props.production) {
      Validations.of(table).acknowledge({
        id: 'AwsSolutions-DDB3',
        reason:
          'Point-in-time recovery is on in production only. The table holds records of notifications ' +
          'already run, each expiring with its BioT token within minutes; outside production there is ' +
          'nothing a restore would bring back that is worth its cost.',
      });
    }
  }

  /** The item actions Powertools needs, on this table only: no Scan, Query or table management. */
  grantRepeatCheck(grantee: IGrantable): Grant {
    return this.table.grant(grantee, ...REPEAT_CHECK_ACTIONS);
  }
}
