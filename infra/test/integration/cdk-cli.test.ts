import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { environments } from '../../config/environments.js';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const INFRA = join(REPO_ROOT, 'infra');
/** The CDK CLI infra pins; the root pins the same range, so both resolve to one installed copy. */
const CLI_VERSION = (
  JSON.parse(readFileSync(join(INFRA, 'node_modules', 'aws-cdk', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

describe('the CDK CLI, however a user calls it', () => {
  it.concurrent.each([
    ['pnpm cdk', REPO_ROOT, 'pnpm', ['--silent', 'cdk']],
    ['pnpm exec cdk', REPO_ROOT, 'pnpm', ['exec', 'cdk']],
    ['npx cdk', REPO_ROOT, 'npx', ['--no-install', 'cdk']],
    ['cd infra && pnpm exec cdk', INFRA, 'pnpm', ['exec', 'cdk']],
    ['cd infra && pnpm cdk', INFRA, 'pnpm', ['--silent', 'cdk']],
  ])(
    '%s --version is the CLI infra pins',
    async (_, cwd, command, args) => {
      const { stdout } = await run(command, [...args, '--version'], { cwd });

      expect(stdout.trim()).toMatch(new RegExp(`^${CLI_VERSION.replaceAll('.', '\\.')} `));
    },
    60_000,
  );

  it('cd infra && pnpm cdk ls -c env=dev lists the stack of every plugin dev deploys', async () => {
    const { stdout } = await run('pnpm', ['--silent', 'cdk', 'ls', '-c', 'env=dev'], {
      cwd: INFRA,
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true' },
    });

    expect(stdout.trim().split('\n').sort()).toEqual(
      Object.keys(environments.dev.plugins)
        .map((plugin) => `${plugin}-dev`)
        .sort(),
    );
  }, 120_000);
});
