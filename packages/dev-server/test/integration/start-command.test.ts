import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type BiotEmulator, startBiotEmulator } from '@biot-plugin/biot-emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommandIo } from '../../src/cli/command-io.js';
import { runInvoke } from '../../src/cli/invoke-command.js';
import { runStart } from '../../src/cli/start-command.js';
import type { DevSession } from '../../src/local/dev-session.js';
import { startLocalStack } from '../../src/local/local-stack.js';
import { silentLog } from '../../src/server/dev-server-log.js';
import { FIXTURE_PLUGINS_DIR, fixturePlugin } from '../support/fixture-plugins.js';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const FIXTURES = ['--plugins-dir', FIXTURE_PLUGINS_DIR];

/** A CommandIo that keeps what the command printed, with its own session file. */
function captureIo(sessionFile: string, env: NodeJS.ProcessEnv = {}, signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', ...env },
    sessionFile,
    ...(signal === undefined ? {} : { signal }),
  };
  return { io, out, err, text: () => out.join('\n'), errors: () => err.join('\n') };
}

/** Starts `pnpm start -- --serve …` in-process and waits until it has printed its banner. */
async function serving(argv: string[], sessionFile: string, env: NodeJS.ProcessEnv = {}) {
  const stop = new AbortController();
  const console = captureIo(sessionFile, env, stop.signal);
  const exit = runStart(argv, console.io);
  await vi.waitFor(() => expect(console.text()).toContain('Ctrl-C stops.'), {
    timeout: 15_000,
    interval: 50,
  });
  const session = JSON.parse(await readFile(sessionFile, 'utf8')) as DevSession;
  return {
    console,
    session,
    stop: async () => {
      stop.abort();
      return exit;
    },
  };
}

describe('pnpm start', () => {
  it('runs as a user runs it: prints a PASS row per call of every plugin and exits 0', async () => {
    const { stdout } = await run(
      'pnpm',
      ['start', '--plugins-dir', relative(REPO_ROOT, FIXTURE_PLUGINS_DIR)],
      {
        cwd: REPO_ROOT,
        timeout: 30_000,
      },
    );

    const rows = stdout.split('\n').filter((line) => /^(PASS|FAIL) /.test(line));
    expect(rows.map((row) => row.split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'PASS device-clock notification',
      'PASS device-clock forged',
      'PASS patient-desk notification',
      'PASS patient-desk preRequest',
      'PASS patient-desk preRequest',
      'PASS patient-desk postRequest',
      'PASS patient-desk adaptEntity',
      'PASS patient-desk scheduled',
      'PASS patient-desk forged',
    ]);
    expect(stdout).toContain('9 of 9 calls answered as BioT expects, 2 plugins');
  }, 30_000);

  it('runs only the plugin --plugin names', async () => {
    const { io, text } = captureIo('/nonexistent');

    expect(await runStart(['--plugin', 'device-clock', ...FIXTURES], io)).toBe(0);
    expect(text()).toContain('PASS  device-clock  notification device _create');
    expect(text()).not.toContain('patient-desk');
  });

  it('answers a plugin that is not there with the plugins there are and exit code 2', async () => {
    const { io, errors } = captureIo('/nonexistent');

    expect(await runStart(['--plugin', 'patient-dsk', ...FIXTURES], io)).toBe(2);
    expect(errors()).toContain(
      'There is no plugin "patient-dsk"; the plugins are: device-clock, patient-desk.',
    );
    expect(errors()).toContain('Usage: pnpm start');
  });

  it('answers an unknown flag with the usage and exit code 2', async () => {
    const { io, errors } = captureIo('/nonexistent');

    expect(await runStart(['--frobnicate'], io)).toBe(2);
    expect(errors()).toContain('Unknown option --frobnicate. The options: --plugin, --serve,');
    expect(errors()).toContain('Usage: pnpm start');
  });

  it('answers a port that is not a number with exit code 2', async () => {
    const { io, errors } = captureIo('/nonexistent');

    expect(await runStart(['--', '--port', 'eighty'], io)).toBe(2);
    expect(errors()).toContain('--port must be a whole number');
  });

  it('wants --plugin with --biot-url when there are several plugins', async () => {
    const { io, errors } = captureIo('/nonexistent');

    expect(await runStart(['--biot-url', 'https://api.dev.example.biot-med.com', ...FIXTURES], io)).toBe(2);
    expect(errors()).toContain('Name the plugin with --plugin <name>, one of: device-clock, patient-desk.');
  });

  it('refuses --biot-url without the service user’s credentials, with exit code 1', async () => {
    const { io, errors } = captureIo('/nonexistent');
    const argv = [
      '--biot-url',
      'https://api.dev.example.biot-med.com',
      '--plugin',
      'patient-desk',
      ...FIXTURES,
    ];

    expect(await runStart(argv, io)).toBe(1);
    expect(errors()).toBe(
      '--biot-url needs BIOT_SERVICE_USER_ID and BIOT_SERVICE_USER_SECRET_KEY in the environment',
    );
  });
});

describe('pnpm start -- --serve, with pnpm invoke', () => {
  let dir: string;
  let sessionFile: string;
  let session: DevSession;
  let started: Awaited<ReturnType<typeof serving>>;
  const url = (name: string) => session.plugins.find((plugin) => plugin.name === name)?.url as string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'biot-serve-'));
    sessionFile = join(dir, 'dev-session.json');
    started = await serving(['--serve', ...FIXTURES], sessionFile);
    session = started.session;
  });
  afterAll(async () => {
    await started.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints each plugin’s URL and the emulator’s, and records them for pnpm invoke', () => {
    const text = started.console.text();

    expect(session.plugins.map((plugin) => plugin.name)).toEqual(['device-clock', 'patient-desk']);
    expect(text).toContain(`  device-clock  ${url('device-clock')}`);
    expect(text).toContain(`  patient-desk  ${url('patient-desk')}`);
    expect(text).toContain(`  emulator      ${session.emulatorUrl}`);
    expect(session.pid).toBe(process.pid);
  });

  it('prints where to look at the emulator’s state, and that view shows what the plugins did', async () => {
    const text = started.console.text();
    const viewUrl = text.match(/^ {2}(http:\/\/\S+\/_emulator\/view)\b/m)?.[1] ?? '';
    expect(await runInvoke(['--plugin', 'device-clock', 'notification'], captureIo(sessionFile).io)).toBe(0);

    const view = (await (await fetch(viewUrl)).json()) as { views: Record<string, string> };
    const requests = (await (await fetch(view.views.requests as string)).json()) as {
      requests: { route: string }[];
    };

    expect(viewUrl).toBe(`${session.emulatorUrl}/_emulator/view`);
    expect(Object.keys(view.views)).toEqual(['entities', 'service-users', 'subscriptions', 'requests']);
    expect(requests.requests.length).toBeGreaterThan(0);
  });

  it('prints a curl command that sends the first plugin a call it accepts', async () => {
    const text = started.console.text();
    const curl = text.match(/^ {2}(curl .*)$/m)?.[1] ?? '';

    const { stdout } = await run('sh', ['-c', curl]);

    expect(text).toContain('Send device-clock its notification device _create');
    expect(stdout).toMatch(/^HTTP\/1\.1 200 OK/);
  });

  it('invokes each hook of the plugin --plugin names, signed by the running emulator', async () => {
    for (const hook of ['notification', 'preRequest', 'postRequest', 'adaptEntity', 'scheduled']) {
      const invoke = captureIo(sessionFile);

      expect(await runInvoke(['--plugin', 'patient-desk', hook], invoke.io), invoke.errors()).toBe(0);
      expect(invoke.text()).toContain(`${hook} (`);
      expect(invoke.text()).toContain('HTTP 200 OK');
    }
  });

  it('invokes the scheduled hook directly, as its schedule does', async () => {
    const invoke = captureIo(sessionFile);

    expect(await runInvoke(['--plugin', 'patient-desk', 'scheduled'], invoke.io)).toBe(0);
    expect(invoke.text()).toContain(
      `scheduled (invoked directly, as its schedule runs it) → patient-desk at ${url('patient-desk')}`,
    );
    expect(invoke.text()).toContain('"body": "{\\"patients\\":3}"');
  });

  it('wants --plugin when the session serves several plugins', async () => {
    const invoke = captureIo(sessionFile);

    expect(await runInvoke(['notification'], invoke.io)).toBe(2);
    expect(invoke.errors()).toContain(
      'Name the plugin with --plugin <name>, one of: device-clock, patient-desk.',
    );
  });

  it('invokes with a body from a file, and exits 1 when the plugin refuses it', async () => {
    const body = join(dir, 'delete-patient.json');
    await writeFile(
      body,
      JSON.stringify({
        method: 'DELETE',
        apiId: 'DELETE/organization/v1/users/patients/{id}',
        request: { path: '/organization/v1/users/patients/72b65591', queryParameters: {}, headers: {} },
      }),
    );
    const invoke = captureIo(sessionFile);

    expect(await runInvoke(['--plugin', 'patient-desk', 'preRequest', '--file', body], invoke.io)).toBe(1);
    expect(invoke.text()).toContain('HTTP 403 Forbidden');
    expect(invoke.text()).toContain('"code": "ACCESS_DENIED"');
  });

  it('answers a hook name that is none with the hooks, the one meant, and exit code 2', async () => {
    const invoke = captureIo(sessionFile);

    expect(await runInvoke(['--plugin', 'patient-desk', 'pre'], invoke.io)).toBe(2);
    expect(invoke.errors()).toContain('Unknown hook "pre"; did you mean preRequest?');
    expect(invoke.errors()).toContain('Usage: pnpm invoke');
  });

  it('answers an unknown flag with the usage and exit code 2', async () => {
    const invoke = captureIo(sessionFile);

    expect(await runInvoke(['notification', '--plugn', 'patient-desk'], invoke.io)).toBe(2);
    expect(invoke.errors()).toContain('Unknown option --plugn. Did you mean --plugin?');
  });

  it('logs one line per request on stderr, named after the plugin', () => {
    expect(started.console.errors()).toMatch(
      /\[dev-server\] device-clock POST \/ NOTIFICATION → 200 \(\d+ ms\)/,
    );
    expect(started.console.errors()).toMatch(/\[dev-server\] patient-desk invoked directly → 200 \(\d+ ms\)/);
  });

  it('shows the metrics of each request on a line of its own, and no EMF document on stdout', () => {
    expect(started.console.errors()).toMatch(
      /\[dev-server\] device-clock metrics: Invocations=1 Duration=\d+\.\dms Answers\{answered\}=1 /,
    );
    expect(started.console.text()).not.toContain('"_aws"');
  });
});

describe('pnpm start -- --serve --plugin, with pnpm invoke', () => {
  it('lets pnpm invoke leave out --plugin when the session serves one plugin', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'biot-serve-one-'));
    const sessionFile = join(dir, 'dev-session.json');
    const started = await serving(['--serve', '--plugin', 'device-clock', ...FIXTURES], sessionFile);
    const invoke = captureIo(sessionFile);
    try {
      expect(await runInvoke(['notification'], invoke.io), invoke.errors()).toBe(0);
      expect(invoke.text()).toContain('notification (NOTIFICATION) → device-clock');
      expect(started.console.text()).toContain('pnpm invoke <hook>');
    } finally {
      await started.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('pnpm invoke without a dev session', () => {
  it('sends the call to the --url given, with the plugin’s definition from the plugins folder', async () => {
    const stack = await startLocalStack({
      plugins: [fixturePlugin('device-clock')],
      logLevel: 'SILENT',
      log: silentLog,
    });
    const invoke = captureIo('/nonexistent/dev-session.json');
    const emulator = stack.emulator as BiotEmulator;
    const url = stack.plugins[0]?.devServer.url as string;
    try {
      const argv = [
        '--plugin',
        'device-clock',
        'notification',
        '--url',
        url,
        '--emulator-url',
        emulator.url,
        ...FIXTURES,
      ];

      expect(await runInvoke(argv, invoke.io), invoke.errors()).toBe(0);
      expect(invoke.text()).toContain(`notification (NOTIFICATION) → device-clock at ${url}`);
      expect(emulator.requests.map((entry) => entry.route)).toContain('PATCH /device/v2/devices/{id}');
    } finally {
      await stack.close();
    }
  });

  it('says how to start one, with exit code 1', async () => {
    const invoke = captureIo('/nonexistent/dev-session.json');

    expect(await runInvoke(['notification'], invoke.io)).toBe(1);
    expect(invoke.errors()).toContain('No dev server is running. Start one with `pnpm start -- --serve`');
  });
});

// An emulator stands in for a real BioT environment: the dev server cannot tell the difference.
describe('pnpm start -- --biot-url', () => {
  let biot: BiotEmulator;
  let dir: string;
  let session: DevSession;
  let started: Awaited<ReturnType<typeof serving>>;

  beforeAll(async () => {
    biot = await startBiotEmulator({ serviceUsers: [{ id: 'remote-plugin', secretKey: 'remote-secret' }] });
    dir = await mkdtemp(join(tmpdir(), 'biot-remote-'));
    const env = { BIOT_SERVICE_USER_ID: 'remote-plugin', BIOT_SERVICE_USER_SECRET_KEY: 'remote-secret' };
    started = await serving(
      ['--biot-url', biot.url, '--plugin', 'patient-desk', ...FIXTURES],
      join(dir, 'dev-session.json'),
      env,
    );
    session = started.session;
  });
  afterAll(async () => {
    await started.stop();
    await biot.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves without an emulator, and says events must come from BioT', () => {
    expect(session.emulatorUrl).toBeUndefined();
    expect(started.console.text()).toContain(`BioT          ${biot.url} (service user remote-plugin)`);
    expect(started.console.text()).toContain('pnpm invoke notification --token <BioT-signed JWT>');
  });

  it('handles an event BioT sends, logging in to that BioT with the given service user', async () => {
    const answer = await biot.sendEvent(session.plugins[0]?.url as string, 'NOTIFICATION');

    expect(answer.status).toBe(200);
    expect(biot.requests.map((entry) => entry.route)).toContain('POST /ums/v2/services/accessToken');
  });

  it('lets pnpm invoke send a token BioT signed, and refuses to mint one itself', async () => {
    const withToken = captureIo(join(dir, 'dev-session.json'));
    const withoutToken = captureIo(join(dir, 'dev-session.json'));
    const token = await biot.signEventToken({ scopes: ['ACTION_NOTIFICATION'] });

    expect(await runInvoke(['notification', '--token', token], withToken.io), withToken.errors()).toBe(0);
    expect(await runInvoke(['notification'], withoutToken.io)).toBe(1);
    expect(withoutToken.errors()).toContain('only BioT can sign its tokens. Pass one with --token.');
  });
});
