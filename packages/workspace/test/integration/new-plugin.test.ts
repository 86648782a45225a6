import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOOK_NAMES } from '@biot-plugin/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLUGINS_DIR, REPO_ROOT } from '../../src/plugin-packages.js';
import { HOOK_TEMPLATES } from '../../src/scaffold/hook-templates.js';

/** The tests the scaffolder writes for a plugin with every hook. */
const TEST_CASES = Object.values(HOOK_TEMPLATES).reduce(
  (count, template) => count + (template.testCases.match(/^ {2}it\(/gm)?.length ?? 0),
  0,
);

interface Run {
  code: number;
  output: string;
}

/** A command in the repository, as a developer runs it; stdout and stderr together, for the failure message. */
function run(command: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * The promise of `pnpm new-plugin`: the plugin it writes passes `pnpm check` at once. This proves
 * it on the real repository: the plugin goes into packages/plugins (the workspace links only
 * there), then its types, its lint and its own tests are checked as `pnpm check` checks them.
 * The plugin folder is removed and pnpm-lock.yaml restored afterwards, whatever happened.
 */
describe('pnpm new-plugin', () => {
  const name = `scaffold-check-${process.pid}`;
  const dir = join(PLUGINS_DIR, name);
  const lockfile = join(REPO_ROOT, 'pnpm-lock.yaml');
  let lockfileCopy: string;
  beforeAll(async () => {
    lockfileCopy = join(await mkdtemp(join(tmpdir(), 'new-plugin-lock-')), 'pnpm-lock.yaml');
    await copyFile(lockfile, lockfileCopy);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await copyFile(lockfileCopy, lockfile);
  });

  it('writes a plugin with every hook that type-checks, lints and passes its own tests at once', async () => {
    const created = await run('pnpm', ['--silent', 'new-plugin', name, '--hooks', HOOK_NAMES.join(',')]);
    expect(created.code, created.output).toBe(0);
    expect(created.output).toContain(`pnpm vitest run packages/plugins/${name}`);
    expect(created.output).toContain(`pnpm start --plugin ${name}`);
    expect(created.output).toContain('infra/config/environments.ts');

    const lint = await run('npx', ['biome', 'check', dir]);
    expect(lint.code, lint.output).toBe(0);

    // The plugins' shared project (packages/plugins/tsconfig.json) with this plugin alone in it.
    const tsconfig = join(dir, 'tsconfig.check.json');
    await writeFile(
      tsconfig,
      JSON.stringify({
        extends: '../../../tsconfig.base.json',
        compilerOptions: { composite: false, noEmit: true },
        include: ['src', 'test'],
      }),
    );
    const typecheck = await run('npx', ['tsc', '--noEmit', '-p', tsconfig]);
    expect(typecheck.code, typecheck.output).toBe(0);

    const tests = await run('npx', ['vitest', 'run', join(dir, 'test')]);
    expect(tests.code, tests.output).toBe(0);
    expect(tests.output).toMatch(new RegExp(`Tests\\s+${TEST_CASES} passed`));
  }, 90_000);
});
