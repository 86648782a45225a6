import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type BiotEmulator, startBiotEmulator } from '@biot-plugin/biot-emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommandIo } from '../src/cli/command-io.js';
import { runInvoke } from '../src/cli/invoke-command.js';
import { runStart } from '../src/cli/start-command.js';
import type { DevSession } from '../src/local/dev-session.js';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

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

describe('pnpm start', () => {
  it('runs as a user runs it: prints a PASS row per event and exits 0', async () => {
    const { stdout } = await run('pnpm', ['start'], { cwd: REPO_ROOT, timeout: 20_000 });

    const rows = stdout.split('\n').filter((line) => /^(PASS|FAIL) /.test(line));
    expect(rows.map((row) => row.split(/\s+/)[1])).toEqual([
      'NOTIFICATION',
      'INTERCEPTOR_PRE',
      'INTERCEPTOR_POST',
      'INTERCEPTOR_POST_ENTITY',
      'NONSPECIFIC',
      'forged',
    ]);
    expect(rows.every((row) => row.startsWith('PASS'))).toBe(true);
    expect(stdout).toContain('6 of 6 events answered as BioT expects');
  }, 20_000);

  it('answers an unknown flag with the usage and exit code 2', async () => {
    const { io, errors } = captureIo('/nonexistent');

    expect(await runStart(['--frobnicate'], io)).toBe(2);
    expect(errors()).toContain('Usage: pnpm start');
  });

  it('answers a port that is not a number with exit code 2', async () => {
    const { io, errors } = captureIo('/nonexistent');

    expect(await runStart(['--', '--port', 'eighty'], io)).toBe(2);
    expect(errors()).toContain('--port must be a whole number');
  });

  it('refuses --biot-url without the service user’s credentials, with exit code 1', async () => {
    const { io, errors } = captureIo('/nonexistent');

    expect(await runStart(['--biot-url', 'https://api.dev.example.biot-med.com'], io)).toBe(1);
    expect(errors()).toBe(
      '--biot-url needs BIOT_SERVICE_USER_ID and BIOT_SERVICE_USER_SECRET_KEY in the environment',
    );
  });
});

describe('pnpm start -- --serve, with pnpm invoke', () => {
  let dir: string;
  let sessionFile: string;
  const stop = new AbortController();
  let serving: Promise<number>;
  let session: DevSession;
  let console: ReturnType<typeof captureIo>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'biot-serve-'));
    sessionFile = join(dir, 'dev-session.json');
    console = captureIo(sessionFile, {}, stop.signal);
    serving = runStart(['--serve'], console.io);
    await vi.waitFor(() => expect(console.text()).toContain('Ctrl-C stops.'), {
      timeout: 10_000,
      interval: 50,
    });
    session = JSON.parse(await readFile(sessionFile, 'utf8')) as DevSession;
  });
  afterAll(async () => {
    stop.abort();
    await serving;
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the plugin URL, the emulator URL and records them for pnpm invoke', () => {
    expect(console.text()).toContain(`plugin    ${session.pluginUrl}`);
    expect(console.text()).toContain(`emulator  ${session.emulatorUrl}`);
    expect(session.pid).toBe(process.pid);
  });

  it('prints a curl command that sends a notification the plugin accepts', async () => {
    const curl = console.text().match(/^ {2}(curl .*)$/m)?.[1] ?? '';

    const { stdout } = await run('sh', ['-c', curl]);

    expect(stdout).toMatch(/^HTTP\/1\.1 200 OK/);
  });

  it('invokes each event type, signed by the running emulator', async () => {
    for (const type of ['notification', 'pre', 'post', 'adapt-entity', 'nonspecific']) {
      const invoke = captureIo(sessionFile);

      expect(await runInvoke([type], invoke.io), invoke.errors()).toBe(0);
      expect(invoke.text()).toContain('HTTP 200 OK');
    }
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

    expect(await runInvoke(['INTERCEPTOR_PRE', '--file', body], invoke.io)).toBe(1);
    expect(invoke.text()).toContain('HTTP 403 Forbidden');
    expect(invoke.text()).toContain('"code": "ACCESS_DENIED"');
  });

  it('answers an unknown event type with the usage and exit code 2', async () => {
    const invoke = captureIo(sessionFile);

    expect(await runInvoke(['telepathy'], invoke.io)).toBe(2);
    expect(invoke.errors()).toContain('Unknown event type "telepathy"');
  });

  it('logs one line per request on stderr', () => {
    expect(console.errors()).toMatch(/\[dev-server\] POST \/ NOTIFICATION → 200 \(\d+ ms\)/);
  });
});

describe('pnpm invoke without a dev session', () => {
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
  const stop = new AbortController();
  let serving: Promise<number>;
  let session: DevSession;
  let console: ReturnType<typeof captureIo>;

  beforeAll(async () => {
    biot = await startBiotEmulator({ serviceUsers: [{ id: 'remote-plugin', secretKey: 'remote-secret' }] });
    dir = await mkdtemp(join(tmpdir(), 'biot-remote-'));
    const env = { BIOT_SERVICE_USER_ID: 'remote-plugin', BIOT_SERVICE_USER_SECRET_KEY: 'remote-secret' };
    console = captureIo(join(dir, 'dev-session.json'), env, stop.signal);
    serving = runStart(['--biot-url', biot.url], console.io);
    await vi.waitFor(() => expect(console.text()).toContain('Ctrl-C stops.'), {
      timeout: 10_000,
      interval: 50,
    });
    session = JSON.parse(await readFile(join(dir, 'dev-session.json'), 'utf8')) as DevSession;
  });
  afterAll(async () => {
    stop.abort();
    await serving;
    await biot.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves without an emulator, and says events must come from BioT', () => {
    expect(session.emulatorUrl).toBeUndefined();
    expect(console.text()).toContain(`BioT      ${biot.url} (service user remote-plugin)`);
    expect(console.text()).toContain('pnpm invoke notification --token <BioT-signed JWT>');
  });

  it('handles an event BioT sends, logging in to that BioT with the given service user', async () => {
    const answer = await biot.sendEvent(session.pluginUrl, 'NOTIFICATION');

    expect(answer.status).toBe(200);
    expect(biot.requests.map((entry) => entry.route)).toContain('POST /ums/v2/services/accessToken');
  });

  it('lets pnpm invoke send a token BioT signed, and refuses to mint one itself', async () => {
    const withToken = captureIo(join(dir, 'dev-session.json'));
    const withoutToken = captureIo(join(dir, 'dev-session.json'));
    const token = await biot.signEventToken({ scopes: ['ACTION_NOTIFICATION'] });

    expect(await runInvoke(['notification', '--token', token], withToken.io)).toBe(0);
    expect(await runInvoke(['notification'], withoutToken.io)).toBe(1);
    expect(withoutToken.errors()).toContain('only BioT can sign its tokens. Pass one with --token.');
  });
});
