import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('../fixtures/failing-bundle-entry.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'biot-source-map-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bundled as the deployed Lambdas are: minified ESM, a linked map of positions only. */
async function bundle(outfile: string, sourcemap: 'linked' | false) {
  await build({
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify: true,
    sourcemap,
    sourcesContent: false,
    logLevel: 'silent',
  });
}

function loggedStack(bundleFile: string, nodeFlags: string[] = []): string {
  const output = execFileSync(process.execPath, [...nodeFlags, bundleFile], { encoding: 'utf8' });
  return (JSON.parse(output) as { stack: string }).stack;
}

describe("a logged error's stack, from a minified bundle", () => {
  const mapped = join(dir, 'mapped', 'index.mjs');
  const unmapped = join(dir, 'unmapped', 'index.mjs');
  beforeAll(async () => {
    await bundle(mapped, 'linked');
    await bundle(unmapped, false);
  });

  it('points into the TypeScript sources, through the map next to the bundle, without Node’s flag', () => {
    const stack = loggedStack(mapped);

    expect(stack).toMatch(/^Error: the hook failed\n/);
    expect(stack).toMatch(/runtime\/test\/fixtures\/failing-bundle-entry\.ts:4:\d+/);
    expect(stack).not.toContain('index.mjs:1:');
  });

  it('agrees with --enable-source-maps on where the error was thrown', () => {
    const ours = loggedStack(mapped).split('\n')[1];
    const nodes = loggedStack(mapped, ['--enable-source-maps']).split('\n')[1];

    expect(nodes).toMatch(/failing-bundle-entry\.ts:4:\d+/);
    expect(ours?.match(/failing-bundle-entry\.ts:(\d+:\d+)/)?.[1]).toBe(
      nodes?.match(/failing-bundle-entry\.ts:(\d+:\d+)/)?.[1],
    );
  });

  it('stays as Node wrote it when the bundle has no map', () => {
    expect(loggedStack(unmapped)).toMatch(/unmapped\/index\.mjs:1:\d+/);
  });
});
