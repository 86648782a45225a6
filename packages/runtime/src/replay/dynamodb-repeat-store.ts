import type { Context } from 'aws-lambda';
import { NotificationInProgressError } from '../errors.js';
import { loggableError } from '../log/loggable-error.js';
import type { DynamoDbAccess } from './dynamodb-records.js';
import type { NotificationRun, RepeatOutcome, SharedRepeatStore } from './repeat-check.js';

type Powertools = typeof import('@aws-lambda-powertools/idempotency');
type Records = typeof import('./dynamodb-records.js');
type HookResult<T> = { answer: T } | { error: unknown };

export interface DynamoDbRepeatStoreOptions {
  /** BIOT_IDEMPOTENCY_TABLE: partition key `id`, TTL attribute `expiration` (Powertools' defaults). */
  tableName: string;
  /** Prefix of every record's id: the plugin's name, so plugins may share a table. */
  keyPrefix: string;
}

/**
 * DynamoDB calls are short; a DynamoDB that does not answer must not eat the hook's time budget.
 * Two attempts of at most a second to connect and two to answer, then the notification runs
 * without the shared check (see `runOnce`).
 */
const CLIENT_CONFIG = { maxAttempts: 2, requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 } };

/**
 * The repeat check across containers, with Powertools Idempotency over a DynamoDB table:
 * the first container to write the record runs the hook; a record that exists and is COMPLETED
 * marks a repeat; one that is INPROGRESS (until the running invocation's deadline) a concurrent
 * duplicate. The record's `expiration` is the token's: a repeat is recognised as long as the
 * token could be replayed. What is stored is a hash of the runtime's key, itself a hash of token
 * and body, and no answer (notifications have none): never the token, never BioT's data.
 *
 * Powertools and the DynamoDB client are loaded on the first notification, never at cold start,
 * and not at all when the variable is unset (see dynamodb-records.ts).
 */
export function dynamoDbRepeatStore(options: DynamoDbRepeatStoreOptions): SharedRepeatStore {
  let client: ReturnType<DynamoDbAccess> | undefined;
  const dynamodb: DynamoDbAccess = () => {
    client ??= import('@aws-sdk/client-dynamodb').then((sdk) => ({
      sdk,
      client: new sdk.DynamoDBClient(CLIENT_CONFIG),
    }));
    return client;
  };
  let powertools: Promise<[Powertools, Records]> | undefined;
  const load = () => {
    powertools ??= Promise.all([
      import('@aws-lambda-powertools/idempotency'),
      import('./dynamodb-records.js'),
    ]);
    return powertools;
  };

  return {
    async runOnce<T>(key: string, notification: NotificationRun<T>): Promise<RepeatOutcome<T>> {
      // What the hook did, kept apart from what Powertools says about its record.
      let ran: HookResult<T> | undefined;
      // Powertools hashes this function's first argument: the key (with the keyPrefix) is the record's id.
      const run = async (_key: string) => {
        try {
          ran = { answer: await notification.run() };
        } catch (error) {
          ran = { error };
          throw error;
        }
        // Notifications answer nothing BioT reads: there is nothing to store.
        return undefined;
      };
      try {
        const [{ IdempotencyConfig, makeIdempotent }, { DynamoDbRecords }] = await load();
        const idempotent = makeIdempotent(run, {
          // One per notification, because each record expires with its own token; the client is shared.
          persistenceStore: new DynamoDbRecords(options.tableName, dynamodb),
          config: new IdempotencyConfig({
            expiresAfterSeconds: Math.max(1, Math.ceil((notification.expiresAtMs - Date.now()) / 1000)),
            hashFunction: 'sha256',
            // Powertools reads only the remaining time from it: how long the record stays INPROGRESS.
            lambdaContext: { getRemainingTimeInMillis: notification.remainingTimeMs } as Context,
          }),
          keyPrefix: options.keyPrefix,
        });
        await idempotent(key);
      } catch (error) {
        const result = ran as HookResult<T> | undefined;
        if (result !== undefined && 'error' in result) throw result.error;
        if (result === undefined && isPowertoolsError(error, 'IdempotencyAlreadyInProgressError')) {
          throw new NotificationInProgressError();
        }
        // DynamoDB failed (or Powertools could not load). BioT does not retry notifications
        // (BIOT-CONTRACT.md §10): an error answer would lose the event for good, while running it
        // risks at most running an exact repeat twice, which hooks that re-read the entity
        // tolerate. So the event runs, this container's check still applies, and the log says so.
        notification.log.warn(
          'Idempotency table unavailable: notification run without the cross-container repeat check',
          {
            code: 'IDEMPOTENCY_STORE_UNAVAILABLE',
            stage: result === undefined ? 'before the hook' : 'after the hook',
            error: loggableError(error),
          },
        );
        if (result !== undefined) return { repeated: false, answer: result.answer };
        return { repeated: false, answer: await notification.run() };
      }
      const result = ran as HookResult<T> | undefined;
      // Powertools did not run the hook: its record says this event already ran.
      if (result === undefined) return { repeated: true };
      // A hook that threw made Powertools throw as well (handled above): this one answered.
      return { repeated: false, answer: (result as { answer: T }).answer };
    },
  };
}

/** Powertools' errors are recognised by name: its module is loaded lazily, after this one. */
function isPowertoolsError(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}
