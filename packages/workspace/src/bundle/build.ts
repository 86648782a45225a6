import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const BUNDLE_CLI = fileURLToPath(new URL('../cli/bundle.ts', import.meta.url));
const WORKSPACE_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

/**
 * `bundlePlugin`, synchronously, in a child Node process: for CDK's local bundling, whose
 * `tryBundle` is synchronous while esbuild runs plugins only through its asynchronous `build`.
 * esbuild's messages go to this process's stderr; a failed bundle throws.
 */
export function bundleInChildProcess(entry: string, outfile: string): void {
  execFileSync(process.execPath, ['--import', 'tsx', BUNDLE_CLI, entry, outfile], {
    cwd: WORKSPACE_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
