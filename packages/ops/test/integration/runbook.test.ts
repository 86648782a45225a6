import { type RotationEvent, type SecretStore, STAGE } from '@biot-plugin/rotation';
import type { TestPlugin } from '@biot-plugin/rotation/testing';
import { describeWithMoto } from '@biot-plugin/test-support/moto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureConfig } from '../support/fixture-config.js';
import { type OpsRig, startOpsRig } from '../support/ops-rig.js';

/**
 * The README runbook (packages/ops/README.md), step by step, in order, against one environment:
 * a stack in moto's CloudFormation with the plugin's outputs, its secret in moto, the service user
 * in the BioT emulator, and the rotation function behind the Secrets Manager front.
 */
describeWithMoto('the ops runbook, step by step', () => {
  // An environment of two plugins (two stacks): every command names its plugin with --plugin.
  const TARGET = ['--env', 'runbook', '--plugin', 'guard'];
  const ENV = [...TARGET, '--interval', '0.05'];
  const STATUS = ['secret-status', ...TARGET];
  let rig: OpsRig;
  let plugin: TestPlugin;
  let store: SecretStore;
  let key: { keyId: string; secretKey: string };

  beforeAll(async () => {
    rig = await startOpsRig({ config: fixtureConfig({ runbook: { plugins: { guard: {}, stamp: {} } } }) });
    // As deployed: the stack created the secret with a placeholder and a 30-day rotation schedule;
    // BioT holds the service user and its first key, which ops have at hand.
    plugin = await rig.newPlugin({ rotationDays: 30, storeKey: false });
    store = plugin.store;
    key = plugin.firstKey;
    await rig.deployStack('guard-runbook', plugin);
  });
  afterAll(() => rig?.close());

  it('1. schedule: secret-status shows the rotation schedule of the deployed stack and asks for the key', async () => {
    const run = await rig.ops(STATUS);

    expect(run.stdout).toMatch(/Rotation {2}every 30 days/);
    expect(run.stdout).toContain('set the key with `pnpm ops secret-set --env runbook --plugin guard`');
    expect(run.code).toBe(1);
  });

  it('2. first-time setup: secret-set --verify stores the key piped on stdin', async () => {
    const run = await rig.ops(['secret-set', ...TARGET, '--verify'], { stdin: JSON.stringify(key) });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Verified: service user ${plugin.serviceUserId} logs in`);
    expect(run.stdout).not.toContain(key.secretKey);
  });

  it('3. check status: the key is AWSCURRENT and BioT lists it as current', async () => {
    const run = await rig.ops(STATUS);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`${key.keyId}  created \\S+  current`));
    expect(run.stdout).toContain('All well.');
  });

  it('4. rotate now: follows the rotation to the end; the old key stays valid as AWSPREVIOUS', async () => {
    const run = await rig.ops(['rotate', ...ENV]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('finishSecret done');
    expect(run.stdout).toContain(`AWSCURRENT  -> AWSPREVIOUS  key ${key.keyId}`);
    expect((await rig.ops(STATUS)).stdout).toMatch(new RegExp(`${key.keyId}  created \\S+  previous`));
  });

  it('5. a failed rotation: rotate exits 1, AWSCURRENT stays, and secret-status says how to recover', async () => {
    const current = await store.readValue({ stage: STAGE.current });
    failNextTestSecret();

    const rotation = await rig.ops(['rotate', ...ENV]);
    const status = await rig.ops(STATUS);

    expect(rotation.code).toBe(1);
    expect(rotation.stderr).toContain('The rotation failed in testSecret');
    expect(await store.readValue({ stage: STAGE.current })).toBe(current);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('--discard-pending');
  });

  it('6. recover from the failed rotation: rotate --discard-pending finishes, status is all well again', async () => {
    const run = await rig.ops(['rotate', ...ENV, '--discard-pending']);
    const status = await rig.ops(STATUS);

    expect(run.code).toBe(0);
    expect(status.code).toBe(0);
    expect(plugin.biotKeyIds()).toHaveLength(2);
  });

  it('7. recover a key BioT no longer accepts: secret-set --replace --verify with a new key', async () => {
    const current = JSON.parse((await store.readValue({ stage: STAGE.current })) as string);
    const token = await plugin.ums.login({ id: plugin.serviceUserId, secretKey: current.secretKey });
    const fresh = await plugin.ums.createSecretKey(plugin.serviceUserId, token); // made in BioT's console
    await plugin.ums.deleteSecretKey(plugin.serviceUserId, current.keyId, token); // the broken key
    expect((await rig.ops(STATUS)).stderr).toContain('BioT refused a login');

    const run = await rig.ops(['secret-set', ...TARGET, '--replace', '--verify'], {
      stdin: `${fresh.id}\n${fresh.secretKey}`,
    });

    expect(run.code).toBe(0);
    const status = await rig.ops(STATUS);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`${fresh.id}  created \\S+  current`));
    expect((await rig.ops(['rotate', ...ENV])).code).toBe(0);
  });

  function failNextTestSecret(): void {
    const rotate = plugin.rotate;
    Object.assign(plugin, {
      rotate: async (event: RotationEvent) => {
        if (event.Step === 'testSecret') {
          rig.rotation.emulator.injectFault({ route: 'POST /ums/v2/services/accessToken', status: 403 });
          Object.assign(plugin, { rotate });
        }
        await rotate(event);
      },
    });
  }
});
