import { environments } from '@biot-plugin/infra/environments';
import { describeWithMoto } from '@biot-plugin/rotation/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type OpsRig, startOpsRig } from '../support/ops-rig.js';

/** The URL the test stack's FunctionUrl output names (support/ops-rig.ts). */
const STACK_FUNCTION_URL = 'https://example.lambda-url.eu-central-1.on.aws/';

describeWithMoto('pnpm ops subscriptions', () => {
  let rig: OpsRig;
  beforeAll(async () => {
    rig = await startOpsRig();
    // --env dev: the declared set is environments.dev's, the stack is biot-plugin-dev.
    await rig.deployStack('biot-plugin-dev', await rig.newPlugin());
  });
  afterAll(() => rig?.close());

  const registered = () =>
    rig.rotation.emulator.subscriptions.notifications.filter((s) => s.endpoint === STACK_FUNCTION_URL);

  it('shows the drift and exits 2 when BioT lacks the declared subscriptions', async () => {
    const run = await rig.ops(['subscriptions', '--env', 'dev']);

    expect(run.code).toBe(2);
    expect(run.stdout).toContain(STACK_FUNCTION_URL);
    expect(run.stdout).toContain('patient');
    expect(registered()).toHaveLength(0);
  });

  it('makes BioT match the declared set with --apply, then reports it in sync', async () => {
    const applied = await rig.ops(['subscriptions', '--env', 'dev', '--apply']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(
      registered()
        .map((s) => `${s.entityTypeName} ${s.actionName}`)
        .sort(),
    ).toEqual(
      environments.dev.subscriptions.notifications.map((s) => `${s.entityTypeName} ${s.actionName}`).sort(),
    );

    const again = await rig.ops(['subscriptions', '--env', 'dev']);
    expect(again.code).toBe(0);
  });

  it('refuses an environment the config does not have, listing the valid ones', async () => {
    const run = await rig.ops(['subscriptions', '--secret-arn', 'arn:x', '--env', 'nowhere']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('dev, staging, prod');
  });
});
