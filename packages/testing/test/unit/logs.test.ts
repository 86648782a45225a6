import { definePlugin } from '@biot-plugin/runtime';
import { type PluginTest, startPluginTest } from '@biot-plugin/testing';
import { afterEach, describe, expect, it } from 'vitest';

/** Logs what it was told about, at INFO. */
const chatty = definePlugin({
  name: 'chatty',
  hooks: {
    notification: (event, { logger }) => {
      logger.info('Heard of a change', { actionName: event.body.metadata.actionName });
    },
  },
  subscriptions: { notifications: [{ entityTypeName: 'patient', actionName: '_create' }] },
});

const notify = (kit: PluginTest, actionName: string) =>
  kit.notification({ entityTypeName: 'patient', actionName });

let kit: PluginTest | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

describe('the plugin’s logs', () => {
  it('are silent by default', async () => {
    kit = await startPluginTest(chatty);

    const answer = await notify(kit, '_create');

    expect(answer.logs).toEqual([]);
    expect(kit.logs()).toEqual([]);
  });

  it('are caught as parsed JSON lines at the level the test asks for', async () => {
    kit = await startPluginTest(chatty, { logLevel: 'INFO' });

    const answer = await notify(kit, '_create');

    expect(answer.logs).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'Heard of a change',
        actionName: '_create',
        appName: 'chatty',
        traceId: answer.traceId,
      }),
      expect.objectContaining({ message: 'Event handled', hook: 'notification', statusCode: 200 }),
    ]);
  });

  it("give each answer only its own invocation's lines", async () => {
    kit = await startPluginTest(chatty, { logLevel: 'INFO' });

    const first = await notify(kit, '_create');
    const second = await notify(kit, '_update');

    expect(second.logs[0]?.actionName).toBe('_update');
    expect(kit.logs()).toEqual([...first.logs, ...second.logs]);
  });

  it('leave other output alone, and stop being caught when the kit closes', async () => {
    const printed: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = (chunk: Uint8Array | string) => printed.push(String(chunk)) > 0;
    try {
      kit = await startPluginTest(chatty, { logLevel: 'INFO' });
      process.stdout.write('a line of the test itself\n');
      await notify(kit, '_create');
      await kit.close();
      process.stdout.write('{"level":"INFO","message":"after","appName":"chatty"}\n');
    } finally {
      process.stdout.write = write;
    }

    expect(printed).toEqual([
      'a line of the test itself\n',
      '{"level":"INFO","message":"after","appName":"chatty"}\n',
    ]);
    expect(kit.logs().map((line) => line.message)).toEqual(['Heard of a change', 'Event handled']);
  });
});
