import type { DeclaredSubscriptions } from '@biot-plugin/runtime';
import { describeWithMoto } from '@biot-plugin/test-support/moto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureConfig } from '../support/fixture-config.js';
import { type OpsRig, startOpsRig } from '../support/ops-rig.js';

/** The URL the test stack's FunctionUrl output names (support/ops-rig.ts). */
const STACK_FUNCTION_URL = 'https://example.lambda-url.eu-central-1.on.aws/';

/** What the `notifier` plugin's definition subscribes to. */
const NOTIFIER_SUBSCRIPTIONS: DeclaredSubscriptions = {
  notifications: [
    { entityTypeName: 'patient', actionName: '_create' },
    { entityTypeName: 'patient', actionName: '_update' },
  ],
  interceptions: [],
};

describeWithMoto('pnpm ops subscriptions', () => {
  let rig: OpsRig;
  beforeAll(async () => {
    rig = await startOpsRig({
      config: fixtureConfig({
        subs: { plugins: { notifier: { subscriptions: NOTIFIER_SUBSCRIPTIONS }, other: {} } },
      }),
    });
    await rig.deployStack('notifier-subs', await rig.newPlugin());
  });
  afterAll(() => rig?.close());

  const NOTIFIER = ['subscriptions', '--env', 'subs', '--plugin', 'notifier'];
  const registered = () =>
    rig.rotation.emulator.subscriptions.notifications.filter((s) => s.endpoint === STACK_FUNCTION_URL);

  it('shows the drift and exits 2 when BioT lacks the declared subscriptions', async () => {
    const run = await rig.ops(NOTIFIER);

    expect(run.code).toBe(2);
    expect(run.stdout).toContain(STACK_FUNCTION_URL);
    expect(run.stdout).toContain('patient');
    expect(registered()).toHaveLength(0);
  });

  it("makes BioT match the plugin's declared set with --apply, then reports it in sync", async () => {
    const applied = await rig.ops([...NOTIFIER, '--apply']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(
      registered()
        .map((s) => `${s.entityTypeName} ${s.actionName}`)
        .sort(),
    ).toEqual(['patient _create', 'patient _update']);

    const again = await rig.ops(NOTIFIER);
    expect(again.code).toBe(0);
  });

  it('asks which plugin when the environment deploys several, listing them', async () => {
    const run = await rig.ops(['subscriptions', '--env', 'subs']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('say which with --plugin <name>, one of: notifier, other');
    expect(run.stderr).toContain('Usage: pnpm ops subscriptions');
  });

  it('refuses an environment the config does not have, listing the ones it has', async () => {
    const run = await rig.ops(['subscriptions', '--secret-arn', 'arn:x', '--env', 'nowhere']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'Unknown environment "nowhere". The environments (infra/config/environments.ts): subs.',
    );
  });

  it('needs the plugin in its environment: --secret-arn alone has no declared set', async () => {
    const run = await rig.ops(['subscriptions', '--secret-arn', 'arn:x']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('subscriptions needs --env <name>');
  });
});
