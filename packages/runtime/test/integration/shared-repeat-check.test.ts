import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  ScanCommand,
  UpdateItemCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { describeWithMoto, type MotoServer, startMoto } from '@biot-plugin/test-support/moto';
import {
  awsOperation,
  type RecordingProxy,
  startRecordingProxy,
} from '@biot-plugin/test-support/recording-proxy';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { PluginHooks } from '../../src/hook-api/hooks.js';
import { expectBiotErrorBody } from '../support/biot-error-body.js';
import { captureLogs } from '../support/captured-logs.js';
import { functionUrlEvent } from '../support/function-url-events.js';
import { bodyOf, type Harness, lambdaContext, startHarness } from '../support/plugin-harness.js';

/**
 * The repeat check of notifications shared across containers (BIOT_IDEMPOTENCY_TABLE), through the
 * real handler, against moto's DynamoDB. Each "container" is a handler of its own, with its own
 * memory; what they share is the table, as deployed (partition key `id`, TTL attribute `expiration`).
 */
const TABLE = 'test-plugin-repeats';
const logs = captureLogs();

describeWithMoto('the repeat check shared across containers', () => {
  let moto: MotoServer;
  let proxy: RecordingProxy;
  let harness: Harness;
  let dynamodb: DynamoDBClient;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    [moto, harness] = await Promise.all([startMoto(), startHarness()]);
    // Through a recording proxy, to count the DynamoDB calls the runtime makes.
    proxy = await startRecordingProxy(moto.url);
    Object.assign(process.env, moto.env(proxy.url), { AWS_ENDPOINT_URL_DYNAMODB: proxy.url });
    dynamodb = new DynamoDBClient(moto.clientConfig());
  });
  afterAll(async () => {
    process.env = savedEnv;
    dynamodb?.destroy();
    await proxy?.close();
    await harness?.close();
    await moto?.close();
  });
  beforeEach(async () => {
    await dynamodb.send(new DeleteTableCommand({ TableName: TABLE })).catch(() => {});
    await dynamodb.send(
      new CreateTableCommand({
        TableName: TABLE,
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName: TABLE,
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      }),
    );
  });

  /** Containers of one function: each its own handler, sharing the table and what their hooks did. */
  const fleet = (hooks: Partial<PluginHooks> = {}, env: Record<string, string> = {}) => {
    const runs: string[] = [];
    const container = () =>
      harness.coldStart(
        { BIOT_IDEMPOTENCY_TABLE: TABLE, POWERTOOLS_LOG_LEVEL: 'INFO', ...env },
        {
          notification: (event) => {
            runs.push(event.body.metadata.actionName);
          },
          ...hooks,
        },
      );
    return { runs, container };
  };
  const records = async () => (await dynamodb.send(new ScanCommand({ TableName: TABLE }))).Items ?? [];
  const dynamoDbCalls = () => proxy.requests().filter((r) => awsOperation(r)?.startsWith('DynamoDB_')).length;

  it('runs an exact repeat reaching another container once, and answers it as a repeat in one container is answered', async () => {
    const { runs, container } = fleet();
    const [first, second] = [container(), container()];
    const event = await harness.emulator.buildEvent('NOTIFICATION');

    const ran = await first(functionUrlEvent(event), lambdaContext());
    const repeated = await second(functionUrlEvent(event), lambdaContext());
    const repeatedHere = await first(functionUrlEvent(event), lambdaContext());

    expect(runs).toHaveLength(1);
    expect(ran.statusCode).toBe(200);
    expect({ ...repeated, headers: undefined }).toEqual({ ...repeatedHere, headers: undefined });
    expect(repeated.statusCode).toBe(200);
    expect(repeated.body).toBeUndefined();
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ level: 'INFO', message: 'Repeated notification not run again' }),
    );
  });

  it('runs a different body under the same token in another container: a token alone never marks an event as seen', async () => {
    const { runs, container } = fleet();
    const token = await harness.emulator.signEventToken({ scopes: ['ACTION_NOTIFICATION'] });
    const created = await harness.emulator.buildEvent('NOTIFICATION', { token });
    const body = JSON.parse(created.body) as { metadata: { actionName: string } };
    body.metadata.actionName = '_update';
    const updated = await harness.emulator.buildEvent('NOTIFICATION', { token, body });

    await container()(functionUrlEvent(created), lambdaContext());
    await container()(functionUrlEvent(updated), lambdaContext());

    expect(runs).toEqual(['_create', '_update']);
  });

  it("keeps one record per event, keyed by a hash under the plugin's name, holding neither token nor body, expiring with the token", async () => {
    const { container } = fleet();
    const token = await harness.emulator.signEventToken({
      scopes: ['ACTION_NOTIFICATION'],
      expiresInSeconds: 600,
    });
    const event = await harness.emulator.buildEvent('NOTIFICATION', { token });
    const exp = (
      JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number }
    ).exp;

    await container()(functionUrlEvent(event), lambdaContext());

    const [record, ...others] = await records();
    expect(others).toEqual([]);
    expect(record?.id?.S).toMatch(/^test-plugin#[A-Za-z0-9+/=]{44}$/);
    expect(record?.status?.S).toBe('COMPLETED');
    // The token's exp, plus the 30 s past it that a token is still accepted.
    expect(Math.abs(Number(record?.expiration?.N) - (exp + 30))).toBeLessThanOrEqual(2);
    const stored = JSON.stringify(record);
    for (const part of [token, ...token.split('.'), event.body]) expect(stored).not.toContain(part);
  });

  it('runs a repeat of a token that expired moments ago once across containers: records live as long as tokens are accepted', async () => {
    const { runs, container } = fleet();
    const token = await harness.emulator.signEventToken({
      scopes: ['ACTION_NOTIFICATION'],
      expiresInSeconds: -5,
    });
    const event = await harness.emulator.buildEvent('NOTIFICATION', { token });

    await container()(functionUrlEvent(event), lambdaContext());
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const again = await container()(functionUrlEvent(event), lambdaContext());

    expect(again.statusCode).toBe(200);
    expect(runs).toHaveLength(1);
  });

  it('lets the event run again once its record has expired', async () => {
    const { runs, container } = fleet();
    const event = await harness.emulator.buildEvent('NOTIFICATION');
    await container()(functionUrlEvent(event), lambdaContext());
    const [record] = await records();
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { id: { S: String(record?.id?.S) } },
        UpdateExpression: 'SET expiration = :past',
        ExpressionAttributeValues: { ':past': { N: String(Math.floor(Date.now() / 1000) - 1) } },
      }),
    );

    const again = await container()(functionUrlEvent(event), lambdaContext());

    expect(again.statusCode).toBe(200);
    expect(runs).toHaveLength(2);
  });

  it('runs the event again in another container when its first run failed: a failure is never answered as handled', async () => {
    let attempts = 0;
    const { container } = fleet({
      notification: () => {
        attempts += 1;
        if (attempts === 1) throw new Error('the hook failed');
      },
    });
    const event = await harness.emulator.buildEvent('NOTIFICATION');

    const failed = await container()(functionUrlEvent(event), lambdaContext());
    const retried = await container()(functionUrlEvent(event), lambdaContext());

    expect([failed.statusCode, retried.statusCode]).toEqual([500, 200]);
    expect(attempts).toBe(2);
    expect((await records())[0]?.status?.S).toBe('COMPLETED');
  });

  it('answers a duplicate that arrives while the event runs in another container 409 NOTIFICATION_IN_PROGRESS, and runs it once', async () => {
    let release: () => void = () => {};
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let runs = 0;
    const { container } = fleet({
      notification: () => {
        runs += 1;
        started();
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
    });
    const event = await harness.emulator.buildEvent('NOTIFICATION');

    const first = container()(functionUrlEvent(event), lambdaContext());
    await running;
    const duplicate = await container()(functionUrlEvent(event), lambdaContext());
    release();

    expect(duplicate.statusCode).toBe(409);
    expectBiotErrorBody(duplicate);
    expect(bodyOf(duplicate)).toMatchObject({ code: 'NOTIFICATION_IN_PROGRESS', serviceName: 'test-plugin' });
    expect((await first).statusCode).toBe(200);
    expect(runs).toBe(1);
  });

  it('asks DynamoDB nothing for a repeat this container has already seen', async () => {
    const { container } = fleet();
    const handler = container();
    const event = await harness.emulator.buildEvent('NOTIFICATION');
    await handler(functionUrlEvent(event), lambdaContext());
    const before = dynamoDbCalls();
    expect(before).toBeGreaterThan(0);

    const repeated = await handler(functionUrlEvent(event), lambdaContext());

    expect(repeated.statusCode).toBe(200);
    expect(dynamoDbCalls()).toBe(before);
  });

  it.each<[string, { AWS_ENDPOINT_URL_DYNAMODB?: string; BIOT_IDEMPOTENCY_TABLE?: string }]>([
    ['cannot be reached', { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1' }],
    ['has no such table', { BIOT_IDEMPOTENCY_TABLE: 'no-such-table' }],
  ])(
    'runs the notification and logs a warning when DynamoDB %s: BioT does not retry a notification, so an error answer would lose it',
    async (_case, env) => {
      const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
      if (env.AWS_ENDPOINT_URL_DYNAMODB)
        process.env.AWS_ENDPOINT_URL_DYNAMODB = env.AWS_ENDPOINT_URL_DYNAMODB;
      try {
        const { runs, container } = fleet(
          {},
          { BIOT_IDEMPOTENCY_TABLE: env.BIOT_IDEMPOTENCY_TABLE ?? TABLE },
        );
        const handler = container();
        const event = await harness.emulator.buildEvent('NOTIFICATION');

        const result = await handler(functionUrlEvent(event), lambdaContext());
        const repeated = await handler(functionUrlEvent(event), lambdaContext());

        expect([result.statusCode, repeated.statusCode]).toEqual([200, 200]);
        // This container's own check still holds.
        expect(runs).toHaveLength(1);
        expect(logs.entries()).toContainEqual(
          expect.objectContaining({
            level: 'WARN',
            code: 'IDEMPOTENCY_STORE_UNAVAILABLE',
            stage: 'before the hook',
          }),
        );
        expect(logs.lines().join('\n')).not.toContain(JSON.parse(event.body).jwt as string);
      } finally {
        process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
      }
    },
  );
});
