import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MOTO_MISSING_MESSAGE, motoOnPath } from '../../src/moto.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const vitestBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
  'vitest.mjs',
);

/** Runs one moto-backed test file in a child vitest whose PATH has no moto_server. */
function runWithoutMoto(env: Record<string, string>) {
  const emptyPath = mkdtempSync(path.join(tmpdir(), 'no-moto-'));
  return spawnSync(
    process.execPath,
    [vitestBin, 'run', 'packages/rotation/test/integration/full-rotation.test.ts'],
    {
      cwd: repoRoot,
      env: { HOME: process.env.HOME ?? '/tmp', PATH: emptyPath, NO_COLOR: '1', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}

describe('the moto harness when moto_server is missing', () => {
  it('finds moto_server only on PATH', () => {
    expect(motoOnPath({ PATH: '/nonexistent' })).toBe(false);
  });

  it('skips the Secrets Manager tests with a message saying how to install moto', () => {
    const run = runWithoutMoto({ CI: 'false' });

    expect(run.status).toBe(0);
    expect(run.stdout).toContain('skipped');
    expect(`${run.stdout}${run.stderr}`).toContain('moto_server is not on PATH');
  }, 60_000);

  it('fails the run under CI=true', () => {
    const run = runWithoutMoto({ CI: 'true' });

    expect(run.status).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toContain(MOTO_MISSING_MESSAGE.slice(0, 40));
  }, 60_000);
});
