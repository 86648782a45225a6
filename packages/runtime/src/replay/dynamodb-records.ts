import {
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
  IdempotencyRecordStatus,
} from '@aws-lambda-powertools/idempotency';
import { BasePersistenceLayer, IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';

export type DynamoDbSdk = typeof import('@aws-sdk/client-dynamodb');

/** The DynamoDB client, created on first use: see `dynamodb-repeat-store.ts`. */
export type DynamoDbAccess = () => Promise<{ sdk: DynamoDbSdk; client: DynamoDBClient }>;

/**
 * Powertools Idempotency's records in DynamoDB, with Powertools' own table layout and conditions
 * (partition key `id`, TTL attribute `expiration`, `status`, `in_progress_expiration`), so a
 * table made for Powertools' DynamoDBPersistenceLayer is this table.
 *
 * Why not that class itself: its module imports `@aws-sdk/client-dynamodb` statically, and the
 * runtime's single-file ESM bundle hoists every such import to module load, so every cold start
 * would load the DynamoDB client (≈ 300 ms on the bench host) even with the shared check off. Its
 * CommonJS build keeps the SDK lazy but bundles a second copy of Powertools' commons and jmespath
 * (+67 KB, the bundle over its 250 KB target). Here the SDK is imported on the first call, and
 * everything else (keys, hashing, expiry, the in-progress protocol) is Powertools'.
 *
 * No answer is stored: notifications have none, so a record holds a hash, a status and times.
 */
export class DynamoDbRecords extends BasePersistenceLayer {
  constructor(
    private readonly tableName: string,
    private readonly dynamodb: DynamoDbAccess,
  ) {
    super();
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const { sdk, client } = await this.dynamodb();
    const item: Record<string, AttributeValue> = {
      id: { S: record.idempotencyKey },
      expiration: { N: String(record.expiryTimestamp) },
      status: { S: record.getStatus() },
    };
    if (record.inProgressExpiryTimestamp !== undefined) {
      item.in_progress_expiration = { N: String(record.inProgressExpiryTimestamp) };
    }
    const now = Date.now();
    try {
      await client.send(
        new sdk.PutItemCommand({
          TableName: this.tableName,
          Item: item,
          // Powertools' condition: a new key, an expired record, or a run in progress whose
          // invocation's deadline has passed (it died without cleaning up).
          ConditionExpression:
            'attribute_not_exists(#id) OR #expiry < :now OR ' +
            '(#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)',
          ExpressionAttributeNames: {
            '#id': 'id',
            '#expiry': 'expiration',
            '#status': 'status',
            '#in_progress_expiry': 'in_progress_expiration',
          },
          ExpressionAttributeValues: {
            ':now': { N: String(now / 1000) },
            ':now_in_millis': { N: String(now) },
            ':inprogress': { S: IdempotencyRecordStatus.INPROGRESS },
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (error instanceof sdk.ConditionalCheckFailedException) {
        throw new IdempotencyItemAlreadyExistsError(
          'A record for this idempotency key already exists',
          error.Item ? recordOf(error.Item) : undefined,
        );
      }
      throw error;
    }
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const { sdk, client } = await this.dynamodb();
    const { Item } = await client.send(
      new sdk.GetItemCommand({
        TableName: this.tableName,
        Key: { id: { S: idempotencyKey } },
        ConsistentRead: true,
      }),
    );
    if (!Item) throw new IdempotencyItemNotFoundError();
    return recordOf(Item);
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    const { sdk, client } = await this.dynamodb();
    await client.send(
      new sdk.UpdateItemCommand({
        TableName: this.tableName,
        Key: { id: { S: record.idempotencyKey } },
        UpdateExpression: 'SET #expiry = :expiry, #status = :status',
        ExpressionAttributeNames: { '#expiry': 'expiration', '#status': 'status' },
        ExpressionAttributeValues: {
          ':expiry': { N: String(record.expiryTimestamp) },
          ':status': { S: record.getStatus() },
        },
      }),
    );
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    const { sdk, client } = await this.dynamodb();
    await client.send(
      new sdk.DeleteItemCommand({ TableName: this.tableName, Key: { id: { S: record.idempotencyKey } } }),
    );
  }
}

function recordOf(item: Record<string, AttributeValue>): IdempotencyRecord {
  const number = (value: AttributeValue | undefined) =>
    value?.N === undefined ? undefined : Number(value.N);
  return new IdempotencyRecord({
    idempotencyKey: item.id?.S ?? '',
    status: (item.status?.S ?? IdempotencyRecordStatus.EXPIRED) as IdempotencyRecordStatusValue,
    expiryTimestamp: number(item.expiration),
    inProgressExpiryTimestamp: number(item.in_progress_expiration),
  });
}

type IdempotencyRecordStatusValue = (typeof IdempotencyRecordStatus)[keyof typeof IdempotencyRecordStatus];
