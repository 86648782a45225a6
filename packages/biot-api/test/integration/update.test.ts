import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readApiFiles } from '../../src/files/api-files.js';
import { releaseChanges } from '../../src/update/release-changes.js';
import { updateApiFiles } from '../../src/update/update-api-files.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}/`, import.meta.url));
const RELEASE_A = fixture('release-a');
const RELEASE_B = fixture('release-b');

describe('moving to a new BioT release', () => {
  let packageDir: string;
  beforeEach(async () => {
    packageDir = await mkdtemp(join(tmpdir(), 'biot-api-'));
    await cp(RELEASE_A, join(packageDir, 'openapi'), { recursive: true });
  });
  afterEach(() => rm(packageDir, { recursive: true, force: true }));

  it('says in words what changed, breaking changes first', async () => {
    const changes = releaseChanges(await readApiFiles(RELEASE_A), await readApiFiles(RELEASE_B));

    expect(changes).toEqual([
      'BREAKING GET /ums/v1/security/public-key removed',
      'BREAKING POST /ums/v2/services/accessToken: query parameter tenant added (required)',
      'BREAKING GET /ums/v2/services/{id}: path parameter id changed its schema: string → string (uuid)',
      'BREAKING ums: schema LoginRequest: scope is now required',
      'service ums: version 7.20.1 → version 7.21.0',
      'GET /ums/v3/security/public-key added',
      'ums: schema LoginRequest: property scope added',
      'ums: schema LoginResponse: property refreshToken added',
    ]);
  });

  it('finds nothing between a release and itself', async () => {
    expect(releaseChanges(await readApiFiles(RELEASE_A), await readApiFiles(RELEASE_A))).toEqual([]);
  });

  it("replaces the project's copy with the new release and regenerates its types", async () => {
    const changes = await updateApiFiles(packageDir, RELEASE_B);

    expect(changes).toContain('GET /ums/v3/security/public-key added');
    expect(await readFile(join(packageDir, 'openapi', 'ums.json'), 'utf8')).toBe(
      await readFile(join(RELEASE_B, 'ums.json'), 'utf8'),
    );
    expect(await readFile(join(packageDir, 'openapi', 'README.md'), 'utf8')).toContain('release B');
    const types = await readFile(join(packageDir, 'src', 'types', 'generated', 'ums.ts'), 'utf8');
    expect(types).toContain('"/v3/security/public-key"');
    expect(types).not.toContain('"/v1/security/public-key"');
  }, 30_000);

  it('refuses a folder without BioT files and leaves the copy as it was', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'biot-api-empty-'));
    try {
      await expect(updateApiFiles(packageDir, empty)).rejects.toThrow(/holds no BioT OpenAPI file/);
      expect(await readdir(join(packageDir, 'openapi'))).toEqual(['README.md', 'ums.json']);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('answers a usage line and exit code 2 when the command is wrong', async () => {
    const cli = fileURLToPath(new URL('../../src/cli/biot-api.ts', import.meta.url));
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', cli, 'update'], {
      cwd: fileURLToPath(new URL('../../../..', import.meta.url)),
    });
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: pnpm biot-api'),
    });
  }, 30_000);
});
