import { ROTATION_FAILURE_TAG, STAGE } from '@biot-plugin/rotation';
import { createPluginSecret } from '@biot-plugin/rotation/testing';
import { describeWithMoto } from '@biot-plugin/test-support/moto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureConfig } from '../support/fixture-config.js';
import { type OpsRig, startOpsRig } from '../support/ops-rig.js';

describeWithMoto('pnpm ops secret-status', () => {
  let rig: OpsRig;
  beforeAll(async () => {
    // Environments of one plugin each, so --env alone names its stack.
    rig = await startOpsRig({
      config: fixtureConfig({ status1: { plugins: { solo: {} } }, status2: { plugins: { solo: {} } } }),
    });
  });
  afterAll(() => rig?.close());

  it("finds the secret and BioT through the environment's stack outputs", async () => {
    const plugin = await rig.newPlugin();
    await rig.deployStack('solo-status1', plugin);

    const run = await rig.ops(['secret-status', '--env', 'status1']);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${plugin.secretArn} (from stack solo-status1)`);
    expect(run.stdout).toContain(`service user ${plugin.serviceUserId} at ${rig.rotation.emulator.url}`);
    expect(run.stdout).toContain('All well.');
  });

  it('shows the schedule, last and next rotation, versions with stages, and BioT keys marked current and previous', async () => {
    const plugin = await rig.newPlugin({ rotationDays: 30 });
    await plugin.rotateOnce();
    const stages = await plugin.stages();
    const current = JSON.parse((await plugin.store.readValue({ stage: STAGE.current })) as string).keyId;
    await rig.deployStack('solo-status2', plugin);

    const run = await rig.ops(['secret-status', '--env', 'status2']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Rotation {2}every 30 days/);
    expect(run.stdout).toMatch(/last {4}\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ/);
    expect(run.stdout).toMatch(/next {4}\d{4}-\d\d-\d\d .* in 30 days/);
    expect(run.stdout).toMatch(new RegExp(`${stages.current}  AWSCURRENT\\s+key ${current}`));
    expect(run.stdout).toMatch(new RegExp(`${stages.previous}  AWSPREVIOUS\\s+key ${plugin.firstKey.keyId}`));
    expect(run.stdout).toMatch(new RegExp(`${plugin.firstKey.keyId}  created \\S+  previous`));
    expect(run.stdout).toMatch(new RegExp(`${current}  created \\S+  current`));
    expect(run.stdout).not.toContain(plugin.firstKey.secretKey);
  });

  it('flags a failed rotation and its pending version, and exits 1', async () => {
    const plugin = await rig.newPlugin();
    const versionId = crypto.randomUUID();
    await plugin.step('createSecret', versionId);
    rig.rotation.emulator.injectFault({ route: 'POST /ums/v2/services/accessToken', status: 503, times: 3 });
    await expect(plugin.step('testSecret', versionId)).rejects.toThrow();

    const run = await rig.ops([
      'secret-status',
      '--secret-arn',
      plugin.secretArn,
      ...biotFlags(plugin.serviceUserId),
    ]);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`failed  testSecret of version ${versionId}: BIOT_503`);
    expect(run.stdout).toMatch(/created \S+ {2}pending \(being rotated in\)/);
    expect(run.stdout).toContain('--discard-pending');
    expect((await plugin.store.describe()).tags.has(ROTATION_FAILURE_TAG)).toBe(true);
  });

  it('says so when BioT refuses the key in the secret, and exits 1', async () => {
    const plugin = await rig.newPlugin();
    await plugin.store.putCurrent(JSON.stringify({ keyId: plugin.firstKey.keyId, secretKey: 'revoked' }));

    const run = await rig.ops([
      'secret-status',
      '--secret-arn',
      plugin.secretArn,
      ...biotFlags(plugin.serviceUserId),
    ]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('BioT refused a login');
    expect(run.stderr).toContain('secret-set');
    expect(run.stderr).toContain('--replace');
  });

  it('asks for the key first when the secret still holds the placeholder', async () => {
    const { arn } = await createPluginSecret(rig.rotation.secretsManager, { rotationDays: 30 });

    const run = await rig.ops(['secret-status', '--secret-arn', arn]);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('The secret holds the placeholder: set the key with `pnpm ops secret-set');
  });

  it('says how to name BioT when the secret is given without a stack', async () => {
    const plugin = await rig.newPlugin();

    const run = await rig.ops(['secret-status', '--secret-arn', plugin.secretArn]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Pass --biot-url and --service-user-id');
  });

  function biotFlags(serviceUserId: string): string[] {
    return ['--biot-url', rig.rotation.emulator.url, '--service-user-id', serviceUserId];
  }
});
