import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { BundleNotBuiltError, pluginZipFromBundle } from '../scripts/plugin-zip.js';

describe('the BioT-uploadable zip', () => {
  let distDir: string;
  const bundle = (files: Record<string, string>) => {
    distDir = mkdtempSync(join(tmpdir(), 'biot-plugin-dist-'));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(distDir, name), content);
    return distDir;
  };
  afterEach(() => rmSync(distDir, { recursive: true, force: true }));

  it('holds the bundle as index.mjs at its root, so index.handler resolves', async () => {
    const zip = await pluginZipFromBundle(bundle({ 'index.mjs': 'export const handler = 1;' }));

    expect(unzipSync(zip)).toEqual({ 'index.mjs': strToU8('export const handler = 1;') });
  });

  it("carries the bundle's source map when there is one", async () => {
    const zip = await pluginZipFromBundle(
      bundle({ 'index.mjs': 'x', 'index.mjs.map': '{}', 'other.txt': 'no' }),
    );

    expect(Object.keys(unzipSync(zip)).sort()).toEqual(['index.mjs', 'index.mjs.map']);
  });

  it('is the same bytes for the same bundle', async () => {
    const dir = bundle({ 'index.mjs': 'export const handler = 1;' });

    expect(await pluginZipFromBundle(dir)).toEqual(await pluginZipFromBundle(dir));
  });

  it('tells to build first when there is no bundle', async () => {
    await expect(pluginZipFromBundle(bundle({}))).rejects.toThrow(BundleNotBuiltError);
  });
});
