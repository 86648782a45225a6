import { PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { type DevServer, silentLog, startDevServer } from '@biot-plugin/dev-server';
import type { TestPlugin } from '@biot-plugin/rotation/testing';
import { type DeclaredSubscriptions, definePlugin, lambdaHandler } from '@biot-plugin/runtime';
import { describeWithMoto } from '@biot-plugin/test-support/moto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureConfig } from '../support/fixture-config.js';
import { type LambdaFront, startLambdaFront } from '../support/lambda-front.js';
import { type OpsRig, startOpsRig } from '../support/ops-rig.js';

/** What the test's plugin subscribes to, in its definition and so in the environment's declared set. */
const SUBSCRIPTIONS: DeclaredSubscriptions = {
  notifications: [{ entityTypeName: 'patient', actionName: '_create' }],
  interceptions: [],
};

/** Hooks of the test's own: a health check or a forged call must run none of them. */
const hooksRan: string[] = [];
const plugin = definePlugin({
  name: 'watcher',
  hooks: {
    notification: () => {
      hooksRan.push('notification');
    },
  },
  subscriptions: SUBSCRIPTIONS,
});

describeWithMoto('pnpm ops verify', () => {
  let rig: OpsRig;
  let lambda: LambdaFront;
  const servers: DevServer[] = [];

  /**
   * A deployed plugin as verify finds it: its stack in moto's CloudFormation, its secret in moto,
   * its service user in the emulator, and its function, the real runtime with the plugin's
   * settings, behind a dev server that is both its Function URL and its Invoke API.
   */
  async function deploy(
    environment: string,
    options: {
      env?: Record<string, string>;
      user?: TestPlugin;
      operations?: TestPlugin;
      /**
       * The stack has the `live` alias, as every stack of this version: only the alias is served.
       * `false`: a stack deployed before the alias and the health check. @default true
       */
      liveAlias?: boolean;
    } = {},
  ): Promise<{ user: TestPlugin; url: string; functionName: string }> {
    const user = options.user ?? (await rig.newPlugin());
    const plainName = `watcher-${environment}-function`;
    const liveAliasArn = `arn:aws:lambda:eu-central-1:123456789012:function:${plainName}:live`;
    const liveAlias = options.liveAlias ?? true;
    const functionName = liveAlias ? liveAliasArn : plainName;
    const server = await startDevServer({
      handler: lambdaHandler(plugin, {
        BIOT_BASE_URL: rig.rotation.emulator.url,
        BIOT_SERVICE_USER_ID: user.serviceUserId,
        BIOT_SERVICE_USER_SECRET_ARN: user.secretArn,
        BIOT_SERVICE_ENVIRONMENT: environment,
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        ...options.env,
      }),
      log: silentLog,
      timeoutMs: 10_000,
    });
    servers.push(server);
    const url = `${server.url}/`;
    lambda.route(functionName, server.url);
    await rig.deployStack(`watcher-${environment}`, user, options.operations, {
      functionUrl: url,
      functionName: plainName,
      ...(liveAlias ? { liveAliasArn } : {}),
    });
    return { user, url, functionName };
  }

  const verify = (environment: string) => rig.ops(['verify', '--env', environment, '--plugin', 'watcher']);
  const subscribe = (environment: string) =>
    rig.ops(['subscriptions', '--env', environment, '--plugin', 'watcher', '--apply']);

  beforeAll(async () => {
    const environments = [
      'ready',
      'unsigned',
      'wrongkey',
      'drifting',
      'nofunction',
      'opsuser',
      'canary',
      'old',
    ];
    rig = await startOpsRig({
      config: fixtureConfig(
        Object.fromEntries(
          environments.map((name) => [name, { plugins: { watcher: { subscriptions: SUBSCRIPTIONS } } }]),
        ),
      ),
    });
    lambda = await startLambdaFront(rig.rotation.moto.url);
    process.env.AWS_ENDPOINT_URL_LAMBDA = lambda.url;
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await lambda?.close();
    await rig?.close();
  });

  it('passes a working deploy: the URL refuses a forged token, the health check logs in, BioT has the subscriptions', async () => {
    const { user, url, functionName } = await deploy('ready');
    expect((await subscribe('ready')).code).toBe(0);
    hooksRan.length = 0;

    const run = await verify('ready');

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Verifying watcher-ready in eu-central-1: ${url}, function ${functionName}`);
    expect(run.stdout).toMatch(/^PASS {2}function URL +refused a forged token with 401 JWT_INVALID/m);
    expect(run.stdout).toMatch(
      /^PASS {2}health check +direct invocation of arn:aws:lambda:.*:watcher-ready-function:live/m,
    );
    expect(run.stdout).toMatch(/^ +PASS {2}secret .*read from Secrets Manager .*BioT key id /m);
    expect(run.stdout).toMatch(/^ +PASS {2}publicKey .*fetched from /m);
    expect(run.stdout).toMatch(/^ +PASS {2}login .*logged in as service user /m);
    expect(run.stdout).toMatch(/^PASS {2}subscriptions +BioT matches the declared set/m);
    expect(run.stdout).toContain('All 3 checks passed');
    expect(run.stdout).not.toContain(user.firstKey.secretKey);
    expect(hooksRan).toEqual([]);
  });

  it('does not invoke a stack deployed before the health check, whose runtime would run its scheduled hook', async () => {
    await deploy('old', { liveAlias: false });
    expect((await subscribe('old')).code).toBe(0);
    hooksRan.length = 0;

    const run = await verify('old');

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}health check +not run: the stack has no LiveAliasArn output/m);
    expect(run.stdout).toMatch(/→ Deploy the current version with `.*cdk deploy.*`, then verify again/);
    expect(run.stdout).toMatch(/^PASS {2}function URL/m);
    expect(run.stdout).toMatch(/^PASS {2}subscriptions/m);
    expect(hooksRan).toEqual([]);
  });

  it('fails a URL that answers 200 to a token BioT never signed', async () => {
    await deploy('unsigned', { env: { BIOT_SHOULD_VALIDATE_JWT: 'false' } });
    await subscribe('unsigned');

    const run = await verify('unsigned');

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}function URL +ACCEPTED a token BioT never signed \(200\)/m);
    expect(run.stdout).toContain('BIOT_SHOULD_VALIDATE_JWT=false');
    expect(run.stdout).toMatch(/^PASS {2}health check/m);
    expect(run.stdout).toContain('1 of 3 checks failed');
  });

  it('fails the health check’s login when the secret holds a key BioT refuses, and prints no secret', async () => {
    const user = await rig.newPlugin();
    const wrongSecret = 'a-wrong-secret-verify-must-never-print';
    await rig.rotation.secretsManager.send(
      new PutSecretValueCommand({
        SecretId: user.secretArn,
        SecretString: JSON.stringify({ keyId: user.firstKey.keyId, secretKey: wrongSecret }),
      }),
    );
    await deploy('wrongkey', { user });

    const run = await verify('wrongkey');

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^PASS {2}function URL/m);
    expect(run.stdout).toMatch(
      /^FAIL {2}health check +direct invocation of arn:aws:lambda:.*:watcher-wrongkey-function:live: login failed/m,
    );
    expect(run.stdout).toMatch(/^ +PASS {2}secret /m);
    expect(run.stdout).toMatch(/^ +FAIL {2}login .*SERVICE_LOGIN_FAILED.*upstreamStatus 4\d\d/m);
    expect(run.stdout).toContain('pnpm ops secret-set --env wrongkey --plugin watcher --replace --verify');
    expect(run.stdout + run.stderr).not.toContain(wrongSecret);
    expect(run.stdout + run.stderr).not.toContain(user.firstKey.secretKey);
  });

  it('fails on drift: the declared subscriptions are not in BioT, shown with the command that applies them', async () => {
    await deploy('drifting');

    const run = await verify('drifting');

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^PASS {2}function URL/m);
    expect(run.stdout).toMatch(/^PASS {2}health check/m);
    expect(run.stdout).toMatch(/^FAIL {2}subscriptions +BioT differs from the declared set \(drift\)/m);
    expect(run.stdout).toMatch(/^ {8}.*patient/m);
    expect(run.stdout).toContain('pnpm ops subscriptions --env drifting --plugin watcher --apply');
  });

  it('checks the drift as the operations user where the plugin has one, and the health as the plugin’s own', async () => {
    const operations = await rig.newPlugin({ storeKey: false, rotationDays: 30 });
    await deploy('opsuser', { operations });

    const run = await verify('opsuser');

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^PASS {2}health check/m);
    expect(run.stdout).toMatch(/^FAIL {2}subscriptions +Could not compare the subscriptions/m);
    expect(run.stdout).toContain('still holds the placeholder');
  });

  it('fails the health check when the stack names a function Lambda does not have', async () => {
    const { url } = await deploy('nofunction');
    await subscribe('nofunction');
    const user = await rig.newPlugin();
    await rig.deployStack('watcher-nofunction-gone', user, undefined, {
      functionUrl: url,
      functionName: 'watcher-gone',
      liveAliasArn: 'arn:aws:lambda:eu-central-1:123456789012:function:watcher-gone:live',
    });

    const run = await rig.ops(['verify', '--env', 'nofunction', '--stack', 'watcher-nofunction-gone']);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^FAIL {2}health check +Function arn:aws:lambda:.*:watcher-gone:live does not exist/m,
    );
  });

  it('says what it checks with --help', async () => {
    const run = await rig.ops(['verify', '--help']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: pnpm ops verify --env <name> [--plugin <name>]');
    expect(run.stdout).toContain('{"biotPluginHealthCheck": 1}');
  });

  it('needs --env, and says so with the usage (exit 2)', async () => {
    const run = await rig.ops(['verify', '--stack', 'watcher-ready']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('verify needs --env <name>');
    expect(run.stderr).toContain('Usage: pnpm ops verify --env <name> [--plugin <name>]');
  });
});
