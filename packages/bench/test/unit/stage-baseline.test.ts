import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stageBaseline } from '../../src/build/bench-bundles.js';

const folders: string[] = [];
async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-baseline-'));
  folders.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('a baseline bundle', () => {
  it('is copied with its source map and chunks, and nothing else from its folder', async () => {
    const built = await folder();
    await writeFile(join(built, 'index.mjs'), 'export const handler = 1;');
    await writeFile(join(built, 'index.mjs.map'), '{}');
    await mkdir(join(built, 'chunks'));
    await writeFile(join(built, 'chunks', 'sdk-ABC.mjs'), 'export {};');
    await writeFile(join(built, 'notes.txt'), 'not part of the bundle');
    const into = join(await folder(), 'baseline');

    const entry = await stageBaseline(join(built, 'index.mjs'), into);

    expect(entry).toBe(join(into, 'index.mjs'));
    expect((await readdir(into, { recursive: true })).sort()).toEqual([
      'chunks',
      join('chunks', 'sdk-ABC.mjs'),
      'index.mjs',
      'index.mjs.map',
    ]);
  });

  it('replaces what an earlier run staged: a single-file build leaves no chunks behind', async () => {
    const into = join(await folder(), 'baseline');
    await mkdir(join(into, 'chunks'), { recursive: true });
    await writeFile(join(into, 'chunks', 'stale.mjs'), 'export {};');
    const built = await folder();
    await writeFile(join(built, 'index.mjs'), 'export const handler = 1;');

    await stageBaseline(join(built, 'index.mjs'), into);

    expect(await readdir(into)).toEqual(['index.mjs']);
  });

  it('that does not exist is named in the error', async () => {
    const missing = join(await folder(), 'old', 'index.mjs');
    await expect(stageBaseline(missing, join(await folder(), 'baseline'))).rejects.toThrow(
      `--baseline ${missing}: no such file`,
    );
  });
});
