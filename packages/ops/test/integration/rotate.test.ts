import type { FaultSpec } from '@biot-plugin/biot-emulator';
import { type RotationEvent, STAGE } from '@biot-plugin/rotation';
import type { TestPlugin } from '@biot-plugin/rotation/testing';
import { describeWithMoto } from '@biot-plugin/test-support/moto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type OpsRig, startOpsRig } from '../support/ops-rig.js';

const FAST = ['--interval', '0.05'];

describeWithMoto('pnpm ops rotate', () => {
  let rig: OpsRig;

  /** Stages a BioT fault just before the rotation function next runs `step`. */
  function faultBefore(plugin: TestPlugin, step: RotationEvent['Step'], fault: FaultSpec): void {
    const rotate = plugin.rotate;
    Object.assign(plugin, {
      rotate: async (event: RotationEvent) => {
        if (event.Step === step) {
          rig.rotation.emulator.injectFault(fault);
          Object.assign(plugin, { rotate });
        }
        await rotate(event);
      },
    });
  }

  beforeAll(async () => {
    rig = await startOpsRig({ stepDelayMs: 100 });
  });
  afterAll(() => rig?.close());

  it('rotates now, printing progress and the stage moves, and exits 0', async () => {
    const plugin = await rig.newPlugin();
    const before = await plugin.stages();

    const run = await rig.ops(['rotate', '--secret-arn', plugin.secretArn, ...FAST]);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const after = await plugin.stages();
    const newKey = JSON.parse((await plugin.store.readValue({ stage: STAGE.current })) as string).keyId;
    expect(run.stdout).toContain(`Rotation started: new version ${after.current}`);
    expect(run.stdout).toMatch(
      /\[\d+\.\ds\] createSecret done: the new BioT key \S+ is stored as AWSPENDING/,
    );
    expect(run.stdout).toContain(
      `finishSecret done: AWSCURRENT moved from ${before.current} to ${after.current}`,
    );
    expect(run.stdout).toContain(`${after.current}  AWSPENDING  -> AWSCURRENT   key ${newKey}`);
    expect(run.stdout).toContain(
      `${before.current}  AWSCURRENT  -> AWSPREVIOUS  key ${plugin.firstKey.keyId}`,
    );
    expect(run.stdout).not.toContain(plugin.firstKey.secretKey);
    expect(plugin.biotKeyIds()).toEqual([plugin.firstKey.keyId, newKey]);
  });

  it('reports a failed rotation with AWSCURRENT unchanged, and exits 1', async () => {
    const plugin = await rig.newPlugin();
    const before = await plugin.stages();
    faultBefore(plugin, 'testSecret', { route: 'POST /ums/v2/services/accessToken', status: 403 });

    const run = await rig.ops(['rotate', '--secret-arn', plugin.secretArn, ...FAST]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The rotation failed in testSecret: PENDING_KEY_REJECTED');
    expect(run.stderr).toContain(`AWSCURRENT is unchanged (version ${before.current})`);
    expect(run.stderr).toContain('--discard-pending');
    expect((await plugin.stages()).current).toBe(before.current);
  });

  it('refuses to start while a failed rotation is pending, and recovers with --discard-pending', async () => {
    const plugin = await rig.newPlugin();
    faultBefore(plugin, 'testSecret', { route: 'POST /ums/v2/services/accessToken', status: 503, times: 3 });
    const failed = await rig.ops(['rotate', '--secret-arn', plugin.secretArn, ...FAST]);
    expect(failed.code).toBe(1);
    const stuck = await plugin.stages();
    expect(stuck.pending).toBeDefined();
    const keysOfFailedAttempt = plugin.biotKeyIds();
    expect(keysOfFailedAttempt).toHaveLength(2);

    const refused = await rig.ops(['rotate', '--secret-arn', plugin.secretArn, ...FAST]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`version ${stuck.pending} is still AWSPENDING`);
    expect(refused.stderr).toContain('It failed in testSecret');

    const recovered = await rig.ops([
      'rotate',
      '--secret-arn',
      plugin.secretArn,
      '--discard-pending',
      ...FAST,
    ]);

    expect(recovered.code).toBe(0);
    expect(recovered.stdout).toContain(`removed AWSPENDING from version ${stuck.pending}`);
    const after = await plugin.stages();
    expect(after).toEqual({ current: expect.any(String), previous: stuck.current });
    const current = JSON.parse((await plugin.store.readValue({ stage: STAGE.current })) as string).keyId;
    expect(plugin.biotKeyIds()).toEqual([plugin.firstKey.keyId, current]);
  });

  it('refuses a secret without a rotation schedule, saying to deploy the stack', async () => {
    const plugin = await rig.newPlugin({});

    const run = await rig.ops(['rotate', '--secret-arn', plugin.secretArn, ...FAST]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Rotation is not configured');
    expect(run.stderr).toContain('pnpm cdk deploy');
  });

  it('stops following after --timeout with guidance, when the rotation function never finishes', async () => {
    const plugin = await rig.newPlugin();
    const hang = new Promise<never>(() => {});
    Object.assign(plugin, { rotate: () => hang });

    const run = await rig.ops(['rotate', '--secret-arn', plugin.secretArn, '--timeout', '0.5', ...FAST]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('did not finish within 0.5 s');
    expect(run.stderr).toContain('pnpm ops secret-status');
  });
});
