import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type BundleResult, bundleFiles, bundlePlugin } from '@biot-plugin/workspace';
import { PATHS } from '../paths.js';

/** The bench's plugins (`src/plugins/`): one that makes one BioT call, one that makes none. */
export type BenchPlugin = 'one-call' | 'idle';

export interface BenchBundle {
  /** `.bench/plugins/<name>/index.mjs`, with its source map and `chunks/` beside it. */
  file: string;
  dir: string;
  /** The sizes `bundlePlugin` reports: the entry, what a cold start loads, all the code. */
  sizes: Omit<BundleResult, 'outfile'>;
}

/**
 * Bundles a bench plugin's handler entry with `bundlePlugin`, the one bundling of every plugin
 * (the esbuild options `pnpm build` and CDK use): what is measured is built as a deployment is.
 */
export async function buildBenchBundle(name: BenchPlugin): Promise<BenchBundle> {
  const file = join(PATHS.pluginBundles, name, 'index.mjs');
  const { outfile: _, ...sizes } = await bundlePlugin(join(PATHS.pluginsSource, name, 'handler.ts'), file);
  return { file, dir: dirname(file), sizes };
}

/**
 * Copies a previous build (`--baseline`: the files `bundleFiles` names, its entry, source map and
 * `chunks/`) into the bench's work folder and returns the copy's entry. A bundle keeps the AWS SDK external, as Lambda's
 * runtime provides it; kept wherever the user built it, with no `node_modules` above it, the
 * baseline could not load the SDK and its secret-by-ARN cold starts would all fail. Beside the
 * bench's own bundles it resolves the SDK the bench's do.
 */
export async function stageBaseline(file: string, into = join(PATHS.workDir, 'baseline')): Promise<string> {
  if (!existsSync(file)) throw new Error(`--baseline ${file}: no such file`);
  const source = dirname(file);
  const entry = basename(file);
  await rm(into, { recursive: true, force: true });
  for (const name of await bundleFiles(source, entry)) {
    await mkdir(dirname(join(into, name)), { recursive: true });
    await copyFile(join(source, name), join(into, name));
  }
  return join(into, entry);
}
