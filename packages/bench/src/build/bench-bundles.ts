import { dirname, join } from 'node:path';
import { type BundleResult, bundlePlugin } from '@biot-plugin/workspace';
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
