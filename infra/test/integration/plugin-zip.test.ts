import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pluginPackage } from '@biot-plugin/workspace';
import { strToU8, unzipSync } from 'fflate';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BundleNotBuiltError, pluginZipFromBundle, writePluginZip } from '../../scripts/plugin-zip.js';
import { FIXTURE_PLUGINS_DIR } from '../support/fixtures.js';

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

  it('carries the chunks index.mjs imports, under chunks/ as index.mjs names them', async () => {
    const dir = bundle({ 'index.mjs': 'import("./chunks/store-A1.mjs")' });
    mkdirSync(join(dir, 'chunks'));
    writeFileSync(join(dir, 'chunks', 'store-A1.mjs'), 'export const store = 1;');
    writeFileSync(join(dir, 'chunks', 'store-A1.mjs.map'), '{}');
    writeFileSync(join(dir, 'chunks', 'notes.txt'), 'no');

    const entries = unzipSync(await pluginZipFromBundle(dir));

    expect(Object.keys(entries)).toEqual(['index.mjs', 'chunks/store-A1.mjs', 'chunks/store-A1.mjs.map']);
    expect(entries['chunks/store-A1.mjs']).toEqual(strToU8('export const store = 1;'));
  });

  it('is the same bytes for the same bundle', async () => {
    const dir = bundle({ 'index.mjs': 'export const handler = 1;' });

    expect(await pluginZipFromBundle(dir)).toEqual(await pluginZipFromBundle(dir));
  });

  it('tells to build first when there is no bundle', async () => {
    await expect(pluginZipFromBundle(bundle({}))).rejects.toThrow(BundleNotBuiltError);
  });
});

describe('writing the zip of a plugin', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'biot-plugin-zip-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("builds the plugin's bundle and writes it as <plugin>.zip", async () => {
    const pkg = pluginPackage(join(FIXTURE_PLUGINS_DIR, 'audit-trail'), 'audit-trail');

    const { path } = await writePluginZip(pkg, outDir);

    expect(path).toBe(join(outDir, 'audit-trail.zip'));
    const entries = unzipSync(readFileSync(path));
    expect(Object.keys(entries).slice(0, 2)).toEqual(['index.mjs', 'index.mjs.map']);
    expect(entries['index.mjs']).toEqual(new Uint8Array(readFileSync(pkg.bundleFile)));
    for (const chunk of Object.keys(entries).slice(2)) expect(chunk).toMatch(/^chunks\/[\w-]+\.mjs(\.map)?$/);
  });
});

describe('pnpm zip', () => {
  const zipScript = fileURLToPath(new URL('../../scripts/zip.ts', import.meta.url));
  const zip = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', zipScript, ...args], { encoding: 'utf8' });

  it('prints its usage for --help and builds nothing', () => {
    const run = zip('--help');

    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: pnpm zip \[--plugin <name>\]/);
    expect(run.stdout).not.toContain('wrote');
  });

  it('refuses an unknown flag with its usage, exit status 2', () => {
    const run = zip('--plugn', 'audit-trail');

    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Unknown option --plugn. Did you mean --plugin\?[\s\S]*Usage: pnpm zip/);
  });

  it('refuses a plugin that does not exist, listing the ones that do, exit status 2', () => {
    const run = zip('--plugin', 'no-such-plugin');

    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^There is no plugin "no-such-plugin"; the plugins are: /);
    expect(existsSync(join(process.cwd(), 'dist', 'no-such-plugin.zip'))).toBe(false);
  });
});
