import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENVIRONMENT_NAMES, pluginsOf } from '@biot-plugin/infra/environments';
import { STAGE } from '@biot-plugin/rotation';
import { createPluginSecret } from '@biot-plugin/rotation/testing';
import { describeWithMoto, type MotoServer, startMoto } from '@biot-plugin/test-support/moto';
import { afterAll, beforeAll, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** `pnpm ops ...` as an operator runs it, in a clean environment: no profile, no instance role. */
function pnpmOps(
  args: string[],
  env: Record<string, string>,
  stdin = '',
): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = mkdtempSync(path.join(tmpdir(), 'ops-home-'));
  const child = spawn('pnpm', ['--silent', 'ops', ...args], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      AWS_CONFIG_FILE: path.join(home, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

describeWithMoto('pnpm ops as a process', () => {
  let moto: MotoServer;
  let secretsManager: SecretsManagerClient;
  beforeAll(async () => {
    moto = await startMoto();
    secretsManager = new SecretsManagerClient(moto.clientConfig());
  });
  afterAll(async () => {
    secretsManager?.destroy();
    await moto?.close();
  });

  it.concurrent('secret-set stores a key piped to stdin', async () => {
    const { arn, store } = await createPluginSecret(secretsManager, { rotationDays: 30 });

    const run = await pnpmOps(['secret-set', '--secret-arn', arn], moto.env(), 'key-1\nsecret-value-1\n');

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Stored key key-1 as AWSCURRENT');
    expect(JSON.parse((await store.readValue({ stage: STAGE.current })) as string)).toEqual({
      keyId: 'key-1',
      secretKey: 'secret-value-1',
    });
  }, 30_000);

  it.concurrent("secret-set stores BioT's answer to POST /ums/v2/services/{id}/secret-keys as it came", async () => {
    const { arn, store } = await createPluginSecret(secretsManager, { rotationDays: 30 });
    const answer = { id: 'key-2', creationTime: '2026-12-04T10:00:00.000Z', secretKey: 'secret-value-2' };

    const run = await pnpmOps(['secret-set', '--secret-arn', arn], moto.env(), JSON.stringify(answer));

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Stored key key-2 as AWSCURRENT');
    expect(run.stdout).not.toContain('secret-value-2');
    expect(JSON.parse((await store.readValue({ stage: STAGE.current })) as string)).toEqual({
      keyId: 'key-2',
      secretKey: 'secret-value-2',
    });
  }, 30_000);

  it.concurrent('says how to configure AWS credentials when there are none, and exits 1', async () => {
    const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _key, ...withoutCredentials } = moto.env();

    const run = await pnpmOps(['secret-status', '--stack', 'some-plugin-dev'], withoutCredentials);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No AWS credentials found');
    expect(run.stderr).toContain('aws sso login');
  }, 30_000);

  it.concurrent('says how to set the region when neither --env nor the shell gives one, and exits 1', async () => {
    const { AWS_REGION: _region, ...withoutRegion } = moto.env();

    const run = await pnpmOps(['rotate', '--stack', 'some-plugin-dev'], withoutRegion);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No AWS region is configured');
    expect(run.stderr).toContain('--region');
  }, 30_000);

  it.concurrent("takes the region from the environment's config, without AWS_REGION or --region", async () => {
    const { AWS_REGION: _region, AWS_DEFAULT_REGION: _default, ...withoutRegion } = moto.env();
    const [deployment] = pluginsOf(ENVIRONMENT_NAMES[0] as string);
    if (deployment === undefined) throw new Error(`${ENVIRONMENT_NAMES[0]} deploys no plugin`);

    const run = await pnpmOps(
      ['secret-status', '--env', deployment.environmentName, '--plugin', deployment.pluginName],
      withoutRegion,
    );

    expect(run.stderr).not.toContain('No AWS region is configured');
    expect(run.stderr).toContain(`Stack ${deployment.stackName} does not exist in ${deployment.region}`);
    expect(run.code).toBe(1);
  }, 30_000);

  it.concurrent('says the stack does not exist, naming it and the region, and exits 1', async () => {
    const run = await pnpmOps(['secret-status', '--stack', 'nowhere-dev'], moto.env());

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Stack nowhere-dev does not exist in eu-central-1');
    expect(run.stderr).toContain('pnpm cdk deploy');
  }, 30_000);

  it.concurrent('refuses an environment infra/config/environments.ts does not have, listing the ones it has', async () => {
    const run = await pnpmOps(['secret-status', '--env', 'no-such-environment'], moto.env());

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `The environments (infra/config/environments.ts): ${ENVIRONMENT_NAMES.join(', ')}.`,
    );
  }, 30_000);

  it.concurrent('says the secret does not exist, and exits 1', async () => {
    const missing = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:biot-plugin-gone-AbCdEf';

    const run = await pnpmOps(['rotate', '--secret-arn', missing], moto.env());

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Secret ${missing} (from --secret-arn) does not exist`);
  }, 30_000);

  it.concurrent('exits 2 with the usage on a wrong command line, and 0 with --help', async () => {
    const wrong = await pnpmOps(['rotate'], moto.env());
    const help = await pnpmOps(['--help'], moto.env());

    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Usage: pnpm ops rotate --env <name> [--plugin <name>]');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: pnpm ops <command> --env <name> [--plugin <name>]');
    expect(help.stdout).toContain('secret-status');
  }, 30_000);

  it.concurrent("prints a command's own help for <command> --help", async () => {
    const help = await pnpmOps(['subscriptions', '--help'], moto.env());

    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: pnpm ops subscriptions --env <name> [--plugin <name>] [--apply]');
    expect(help.stdout).not.toContain('--discard-pending');
  }, 30_000);

  // After the concurrent ones: one more process among them would slow every one past its timeout.
  it('verify says how to configure AWS credentials when there are none, and exits 1', async () => {
    const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _key, ...withoutCredentials } = moto.env();
    const [deployment] = pluginsOf(ENVIRONMENT_NAMES[0] as string);
    if (deployment === undefined) throw new Error(`${ENVIRONMENT_NAMES[0]} deploys no plugin`);

    const run = await pnpmOps(
      ['verify', '--env', deployment.environmentName, '--plugin', deployment.pluginName],
      withoutCredentials,
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No AWS credentials found');
    expect(run.stderr).toContain('aws sso login');
    expect(run.stdout).not.toContain('PASS');
  }, 30_000);
});
