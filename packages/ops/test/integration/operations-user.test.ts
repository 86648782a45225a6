import { STAGE } from '@biot-plugin/rotation';
import type { TestPlugin } from '@biot-plugin/rotation/testing';
import { describeWithMoto } from '@biot-plugin/test-support/moto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureConfig } from '../support/fixture-config.js';
import { type OpsRig, startOpsRig } from '../support/ops-rig.js';

// A plugin stack with an operations user: its own secret (OperationsSecretArn) and the Lambda that
// rotates it (OperationsRotationFunctionName), as infra's PluginStack outputs them.
describeWithMoto('pnpm ops --user operations', () => {
  let rig: OpsRig;
  beforeAll(async () => {
    rig = await startOpsRig({
      config: fixtureConfig({
        ops1: { plugins: { solo: {} } },
        ops2: { plugins: { solo: {} } },
        ops3: { plugins: { solo: {} } },
        ops4: { plugins: { solo: {} } },
      }),
    });
  });
  afterAll(() => rig?.close());

  const currentKeyId = async (user: TestPlugin) =>
    JSON.parse((await user.store.readValue({ stage: STAGE.current })) as string).keyId as string;

  it("shows the operations user's secret and its BioT keys, not the plugin user's", async () => {
    const plugin = await rig.newPlugin();
    const operations = await rig.newPlugin();
    await rig.deployStack('solo-ops1', plugin, operations);

    const run = await rig.ops(['secret-status', '--env', 'ops1', '--user', 'operations']);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${operations.secretArn} (from stack solo-ops1, operations user)`);
    expect(run.stdout).toContain(`service user ${operations.serviceUserId} at`);
    expect(run.stdout).not.toContain(plugin.secretArn);
  });

  it("rotates the operations user's key and leaves the plugin user's alone", async () => {
    const plugin = await rig.newPlugin();
    const operations = await rig.newPlugin();
    await rig.deployStack('solo-ops2', plugin, operations);

    const run = await rig.ops(['rotate', '--env', 'ops2', '--user', 'operations']);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await currentKeyId(operations)).not.toBe(operations.firstKey.keyId);
    expect(await currentKeyId(plugin)).toBe(plugin.firstKey.keyId);
  });

  it("stores the operations user's first key in its own secret, verified against BioT", async () => {
    const plugin = await rig.newPlugin();
    const operations = await rig.newPlugin({ storeKey: false, rotationDays: 30 });
    await rig.deployStack('solo-ops3', plugin, operations);

    const run = await rig.ops(['secret-set', '--env', 'ops3', '--user', 'operations', '--verify'], {
      stdin: JSON.stringify(operations.firstKey),
    });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`service user ${operations.serviceUserId}`);
    expect(await currentKeyId(operations)).toBe(operations.firstKey.keyId);
    expect(await currentKeyId(plugin)).toBe(plugin.firstKey.keyId);
  });

  it('says so when the plugin has no operations user', async () => {
    const plugin = await rig.newPlugin();
    await rig.deployStack('solo-ops4', plugin);

    const run = await rig.ops(['secret-status', '--env', 'ops4', '--user', 'operations']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('has no OperationsSecretArn output: its plugin has no operations user');
  });

  it('refuses a user that is neither plugin nor operations, as wrong usage', async () => {
    const run = await rig.ops(['secret-status', '--env', 'ops1', '--user', 'admin']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--user must be one of plugin, operations, not "admin"');
  });
});
