import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOOK_NAMES } from '@biot-plugin/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNewPlugin } from '../../src/scaffold/new-plugin-command.js';

/** Inside this package for the same reason as in scaffold-plugin.test.ts; a dot keeps test globs off it. */
const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

describe('pnpm new-plugin', () => {
  let pluginsDir: string;
  let installs: number;
  beforeAll(async () => {
    pluginsDir = await mkdtemp(join(PACKAGE_DIR, '.new-plugin-test-'));
  });
  afterAll(() => rm(pluginsDir, { recursive: true, force: true }));

  async function newPlugin(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    installs = 0;
    const code = await runNewPlugin(
      argv,
      {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: (text: string) => (stderr += text) },
      },
      { pluginsDir, install: async () => installs++ },
    );
    return { code, stdout, stderr };
  }

  it('prints its usage with --help, naming every hook, and exits 0', async () => {
    const run = await newPlugin('--help');

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: pnpm new-plugin <name> [--hooks <hook>,<hook>...]');
    expect(run.stdout).toContain(HOOK_NAMES.join(', '));
  });

  it('writes the plugin with the hooks --hooks lists, links it, and prints the next steps', async () => {
    const run = await newPlugin('vitals-check', '--hooks', 'scheduled, preRequest');

    expect(run.code, run.stderr).toBe(0);
    expect(installs).toBe(1);
    expect((await readdir(join(pluginsDir, 'vitals-check', 'src', 'hooks'))).sort()).toEqual([
      'patients.ts',
      'pre-request.ts',
      'scheduled.ts',
    ]);
    expect(run.stdout).toContain('with the preRequest, scheduled hooks');
    expect(run.stdout).toContain('infra/config/environments.ts, under `plugins`');
    expect(run.stdout).toContain('pnpm start --plugin vitals-check');
    expect(run.stdout).toMatch(/pnpm vitest run \S*vitals-check/);
  });

  it('refuses an unknown hook with the valid ones and the usage, links nothing, and exits 2', async () => {
    const run = await newPlugin('bad-hooks', '--hooks', 'notification,onCreate');

    expect(run.code).toBe(2);
    expect(installs).toBe(0);
    expect(run.stderr).toContain(`"onCreate" is not a hook; the hooks are: ${HOOK_NAMES.join(', ')}.`);
    expect(run.stderr).toContain('Usage: pnpm new-plugin');
  });

  it('refuses a name definePlugin would refuse, and exits 2', async () => {
    const run = await newPlugin('My_Plugin');

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"My_Plugin" is not a plugin name');
  });

  it('refuses a name whose folder exists, without the usage, and exits 2', async () => {
    await newPlugin('taken-name');

    const again = await newPlugin('taken-name');

    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists; choose another name');
    expect(again.stderr).not.toContain('Usage:');
  });

  it('asks for the name when it is missing', async () => {
    const run = await newPlugin('--hooks', 'notification');

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Name the plugin: pnpm new-plugin <name>.');
  });
});
