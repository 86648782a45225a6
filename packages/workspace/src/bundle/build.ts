import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { CHUNKS_DIR, esbuildOptions } from './esbuild-options.js';

export interface BundleResult {
  /** The entry, `<dir>/index.mjs`, which Lambda's `index.handler` loads. */
  outfile: string;
  /** Of the entry file alone. */
  bytes: number;
  /** What a cold start loads before the handler runs: the entry and the chunks it imports statically. */
  loadedAtImportBytes: number;
  /** All the bundle's code: the entry and every chunk, without the source maps. */
  codeBytes: number;
}

/**
 * Bundles a plugin's handler entry (its `src/handler.ts`) with the one set of esbuild options:
 * what `pnpm build`, `pnpm zip`, the dev server and the bench run, and what CDK deploys. The
 * bundle is `outfile` (`index.mjs`), its source map, and the chunks of code that only some calls
 * load (`chunks/`, see esbuild-options.ts); chunks of an earlier build are removed first.
 */
export async function bundlePlugin(entry: string, outfile: string): Promise<BundleResult> {
  const outdir = dirname(outfile);
  await rm(join(outdir, CHUNKS_DIR), { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await build({
    ...esbuildOptions,
    entryPoints: [{ in: entry, out: basename(outfile).replace(/\.mjs$/, '') }],
    outdir,
    metafile: true,
    logLevel: 'warning',
  });
  return { outfile, ...bundleSizes(result.metafile, outfile) };
}

function bundleSizes(metafile: Metafile, outfile: string): Omit<BundleResult, 'outfile'> {
  const outputs = new Map(Object.entries(metafile.outputs).map(([path, output]) => [resolve(path), output]));
  const loaded = new Set<string>();
  const visit = (path: string) => {
    if (loaded.has(path)) return;
    loaded.add(path);
    for (const imported of outputs.get(path)?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(resolve(imported.path));
    }
  };
  visit(resolve(outfile));
  const bytesOf = (paths: Iterable<string>) =>
    [...paths].reduce((sum, path) => sum + (outputs.get(path)?.bytes ?? 0), 0);
  return {
    bytes: outputs.get(resolve(outfile))?.bytes ?? 0,
    loadedAtImportBytes: bytesOf(loaded),
    codeBytes: bytesOf([...outputs.keys()].filter((path) => path.endsWith('.mjs'))),
  };
}

/**
 * The files of the bundle in `dir`, relative to it: `index.mjs`, its map when there is one, and
 * every chunk with its map. What Lambda's asset and BioT's zip must carry; nothing else in `dir`.
 */
export async function bundleFiles(dir: string, entryFile = 'index.mjs'): Promise<string[]> {
  const present = new Set(await readdir(dir).catch(() => [] as string[]));
  const chunks = await readdir(join(dir, CHUNKS_DIR), { recursive: true }).catch(() => [] as string[]);
  return [
    ...[entryFile, `${entryFile}.map`].filter((file) => present.has(file)),
    ...chunks
      .filter((file) => /\.mjs(\.map)?$/.test(file))
      .map((file) => relative(dir, join(dir, CHUNKS_DIR, file)))
      .sort(),
  ];
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
