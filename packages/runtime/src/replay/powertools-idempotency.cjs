'use strict';
/*
 * Powertools Idempotency and the DynamoDB client, loaded together and only when
 * BIOT_IDEMPOTENCY_TABLE is set (see dynamodb-repeat-store.ts). This file is CommonJS on purpose:
 * in the runtime's single-file ESM bundle every `import ... from '@aws-sdk/...'` is hoisted to the
 * top of the file and runs at cold start, even inside a module loaded with `import()`; a
 * `require()` of an external module stays a call, made when this file is first imported.
 */
const { IdempotencyConfig, makeIdempotent } = require('@aws-lambda-powertools/idempotency');
const { DynamoDBPersistenceLayer } = require('@aws-lambda-powertools/idempotency/dynamodb');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');

module.exports = { DynamoDBClient, DynamoDBPersistenceLayer, IdempotencyConfig, makeIdempotent };
