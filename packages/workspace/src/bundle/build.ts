import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions } from './esbuild-options.js';

export interface BundleResult {
  outfile: string;
  bytes: number;
}

/**
 * Bundles a plugin's handler entry (its `src/handler.ts`) with the one set of esbuild options:
 * what `pnpm build`, `pnpm zip`, the dev server and the bench run, and what CDK deploys.
 */
export async function bundlePlugin(entry: string, outfile: string): Promise<BundleResult> {
  await mkdir(dirname(outfile), { recursive: true });
  const result = await build({
    ...esbuildOptions,
    entryPoints: [entry],
    outfile,
    metafile: true,
    logLevel: 'warning',
  });
  const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('.mjs'));
  return { outfile, bytes: output?.[1].bytes ?? 0 };
}
