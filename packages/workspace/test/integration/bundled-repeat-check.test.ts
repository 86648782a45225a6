import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type BiotEmulator,
  functionUrlEvent,
  lambdaContext,
  startBiotEmulator,
} from '@biot-plugin/biot-emulator';
import { describeWithMoto, type MotoServer, startMoto } from '@biot-plugin/test-support/moto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundlePlugin } from '../../src/bundle/build.js';

const TABLE = 'bundle-test-repeats';

/**
 * The deployed bundle, not the sources: Powertools and the DynamoDB client must load only when the
 * variable is set (no static import of the SDK at module load), and must work once loaded.
 */
describeWithMoto('the shared repeat check in the production bundle', () => {
  let moto: MotoServer;
  let emulator: BiotEmulator;
  let bundle: { source: string; container: (env: Record<string, string>) => Handler; runs: () => number };
  const savedEnv = { ...process.env };
  type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number }>;
  let dir: string | undefined;

  beforeAll(async () => {
    [moto, emulator] = await Promise.all([startMoto(), startBiotEmulator()]);
    Object.assign(process.env, moto.env());
    const dynamodb = new DynamoDBClient(moto.clientConfig());
    await dynamodb.send(
      new CreateTableCommand({
        TableName: TABLE,
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    dynamodb.destroy();
    // Under this package's node_modules, so the bundle's external @aws-sdk/* resolve as in Lambda.
    dir = await mkdtemp(
      join(fileURLToPath(new URL('../../node_modules/', import.meta.url)), '.bundle-test-'),
    );
    const entry = join(dir, 'entry.ts');
    await writeFile(
      entry,
      [
        "import { createHandler, definePlugin, loadConfig } from '@biot-plugin/runtime';",
        'let count = 0;',
        "const plugin = definePlugin({ name: 'bundle-test', hooks: { notification: () => { count += 1; } },",
        "  subscriptions: { notifications: [{ entityTypeName: 'patient', actionName: '_create' }] } });",
        'export const container = (env) => createHandler({ config: loadConfig(env), plugin, env: {} });',
        'export const runs = () => count;',
      ].join('\n'),
    );
    const { outfile } = await bundlePlugin(entry, join(dir, 'index.mjs'));
    bundle = { source: await readFile(outfile, 'utf8'), ...(await import(outfile)) };
  });
  afterAll(async () => {
    process.env = savedEnv;
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    await emulator?.close();
    await moto?.close();
  });

  it('imports the DynamoDB client only when it is first needed, never at cold start', () => {
    expect(bundle.source).not.toMatch(/from\s*"@aws-sdk\/client-dynamodb"/);
    expect(bundle.source).toMatch(/import\("@aws-sdk\/client-dynamodb"\)/);
  });

  it('runs an exact repeat reaching another container once', async () => {
    const env = {
      BIOT_BASE_URL: emulator.url,
      BIOT_IDEMPOTENCY_TABLE: TABLE,
      BIOT_APP_NAME: 'bundle-test',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    };
    const event = functionUrlEvent(await emulator.buildEvent('NOTIFICATION'));

    const answers = [
      await bundle.container(env)(event, lambdaContext()),
      await bundle.container(env)(event, lambdaContext()),
    ];

    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200]);
    expect(bundle.runs()).toBe(1);
  });
});
