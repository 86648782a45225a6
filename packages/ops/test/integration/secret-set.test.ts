import { PassThrough } from 'node:stream';
import { STAGE } from '@biot-plugin/rotation';
import { createPluginSecret } from '@biot-plugin/rotation/testing';
import { describeWithMoto } from '@biot-plugin/test-support/moto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureConfig } from '../support/fixture-config.js';
import { type OpsRig, startOpsRig } from '../support/ops-rig.js';

/** The URL the test stack's FunctionUrl output names (support/ops-rig.ts). */
const STACK_FUNCTION_URL = 'https://example.lambda-url.eu-central-1.on.aws/';

/** The words of a command as a POSIX shell splits them (plain words and single quotes). */
function shellWords(command: string): string[] {
  return [...command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map(
    ([, quoted, plain]) => quoted?.replaceAll("'\\''", "'") ?? (plain as string),
  );
}

describeWithMoto('pnpm ops secret-set', () => {
  let rig: OpsRig;
  beforeAll(async () => {
    rig = await startOpsRig({
      config: fixtureConfig({
        first: {
          plugins: {
            greeter: {
              subscriptions: {
                notifications: [{ entityTypeName: 'patient', actionName: '_create' }],
                interceptions: [],
              },
            },
            other: {},
          },
        },
      }),
    });
  });
  afterAll(() => rig?.close());

  /** A fresh stack secret (placeholder) and a BioT service user whose first key is to be stored. */
  async function firstSetup() {
    const user = rig.rotation.emulator.addServiceUser({ id: crypto.randomUUID() });
    const { arn, store } = await createPluginSecret(rig.rotation.secretsManager, { rotationDays: 30 });
    const flags = [
      '--secret-arn',
      arn,
      '--biot-url',
      rig.rotation.emulator.url,
      '--service-user-id',
      user.id,
    ];
    return { user, arn, store, flags };
  }

  it('stores the key read from stdin as JSON, as AWSCURRENT, and never prints the secret', async () => {
    const { user, store, flags } = await firstSetup();

    const run = await rig.ops(['secret-set', ...flags], {
      stdin: JSON.stringify({ keyId: user.keyId, secretKey: user.secretKey }),
    });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Stored key ${user.keyId} as AWSCURRENT`);
    expect(run.stdout).toMatch(
      /Next, register the declared BioT subscriptions.*`pnpm ops subscriptions .*--apply`/,
    );
    expect(`${run.stdout}${run.stderr}`).not.toContain(user.secretKey);
    expect(JSON.parse((await store.readValue({ stage: STAGE.current })) as string)).toEqual({
      keyId: user.keyId,
      secretKey: user.secretKey,
    });
  });

  it('prints the subscriptions command to run next, and that command runs as printed', async () => {
    const plugin = await rig.newPlugin({ rotationDays: 30, storeKey: false });
    await rig.deployStack('greeter-first', plugin);
    const target = ['--env', 'first', '--plugin', 'greeter'];
    const biot = ['--biot-url', rig.rotation.emulator.url, '--service-user-id', plugin.serviceUserId];
    const answer = {
      id: plugin.firstKey.keyId,
      creationTime: new Date().toISOString(),
      secretKey: plugin.firstKey.secretKey,
    };

    const run = await rig.ops(['secret-set', ...target, ...biot], { stdin: JSON.stringify(answer) });
    const printed = /Next, register the declared BioT subscriptions[^`]*`(pnpm ops [^`]+)`/.exec(
      run.stdout,
    )?.[1];
    const next = await rig.ops(shellWords(printed ?? '').slice(2));

    expect(run.code, run.stderr).toBe(0);
    expect(printed).toBe(`pnpm ops subscriptions ${[...target, ...biot].join(' ')} --apply`);
    expect(next.code, next.stderr).toBe(0);
    expect(
      rig.rotation.emulator.subscriptions.notifications
        .filter((subscription) => subscription.endpoint === STACK_FUNCTION_URL)
        .map((subscription) => `${subscription.entityTypeName} ${subscription.actionName}`),
    ).toEqual(['patient _create']);
  });

  it('says what the next command needs filled in when --secret-arn alone named the secret', async () => {
    const { user, flags } = await firstSetup();

    const run = await rig.ops(['secret-set', ...flags], { stdin: `${user.keyId}\n${user.secretKey}\n` });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'with --env <name> [--plugin <name>] and --function-url <url> filled in: ' +
        `\`pnpm ops subscriptions ${flags.join(' ')} --env <name> [--plugin <name>] --function-url <url> --apply\`.`,
    );
  });

  it('accepts the key id and the secret key as two lines', async () => {
    const { user, store, flags } = await firstSetup();

    const run = await rig.ops(['secret-set', ...flags], { stdin: `${user.keyId}\n${user.secretKey}\n` });

    expect(run.code).toBe(0);
    expect(JSON.parse((await store.readValue({ stage: STAGE.current })) as string).keyId).toBe(user.keyId);
  });

  it('with --verify, logs in to BioT with the key before storing it', async () => {
    const { user, flags } = await firstSetup();

    const run = await rig.ops(['secret-set', ...flags, '--verify'], {
      stdin: `${user.keyId}\n${user.secretKey}`,
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Verified: service user ${user.id} logs in`);
  });

  it('with --verify, stores nothing when BioT refuses the key', async () => {
    const { user, store, flags } = await firstSetup();
    const before = await store.readValue({ stage: STAGE.current });

    const run = await rig.ops(['secret-set', ...flags, '--verify'], {
      stdin: `${user.keyId}\nnot-the-secret`,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('BioT refused a login');
    expect(run.stderr).toContain('nothing was stored');
    expect(run.stderr).not.toContain('not-the-secret');
    expect(await store.readValue({ stage: STAGE.current })).toBe(before);
  });

  it('with --verify, stores nothing when the key id is not the key BioT knows', async () => {
    const { user, flags } = await firstSetup();

    const run = await rig.ops(['secret-set', ...flags, '--verify'], {
      stdin: `some-other-id\n${user.secretKey}`,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('BioT lists no key some-other-id');
  });

  it('refuses empty input and leaves the secret as it was', async () => {
    const { store, flags } = await firstSetup();
    const before = await store.readValue({ stage: STAGE.current });

    const run = await rig.ops(['secret-set', ...flags], { stdin: '\n' });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no key was given');
    expect(await store.readValue({ stage: STAGE.current })).toBe(before);
  });

  it('refuses to overwrite a key already set unless --replace is given', async () => {
    const plugin = await rig.newPlugin();
    const second = `${plugin.firstKey.keyId}\n${plugin.firstKey.secretKey}`;

    const refused = await rig.ops(['secret-set', '--secret-arn', plugin.secretArn], { stdin: second });
    const replaced = await rig.ops(['secret-set', '--secret-arn', plugin.secretArn, '--replace'], {
      stdin: second,
    });

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`already holds key ${plugin.firstKey.keyId}`);
    expect(refused.stderr).toContain('--replace');
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('now AWSPREVIOUS');
    expect(replaced.stdout).not.toContain('Next, register');
  });

  it('prompts on a terminal without echoing the secret key', async () => {
    const { user, store, flags } = await firstSetup();
    const terminal = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => terminal });
    let echoed = '';
    const typing = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      terminal.write(`${user.keyId}\r`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      terminal.write(`${user.secretKey}x\u007f\r`);
    })();
    const { runOps } = await import('../../src/main.js');

    const code = await runOps(['secret-set', ...flags], {
      stdin: terminal,
      stdout: { write: (text: string) => (echoed += text) },
      stderr: { write: (text: string) => (echoed += text) },
    });
    await typing;

    expect(code).toBe(0);
    expect(echoed).toContain('BioT secret key id: ');
    expect(echoed).toContain(user.keyId);
    expect(echoed).not.toContain(user.secretKey);
    expect(JSON.parse((await store.readValue({ stage: STAGE.current })) as string).secretKey).toBe(
      user.secretKey,
    );
  });

  it('refuses a secret given on the command line, with usage exit code 2', async () => {
    const { flags } = await firstSetup();

    const positional = await rig.ops(['secret-set', ...flags, 's3cret']);
    const option = await rig.ops(['secret-set', ...flags, '--secret-key', 's3cret']);

    expect([positional.code, option.code]).toEqual([2, 2]);
    expect(positional.stderr).toContain('never from the command line');
    expect(option.stderr).toContain('never taken from the command line');
  });
});
