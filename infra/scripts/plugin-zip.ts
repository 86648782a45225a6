import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildPluginBundle, bundleFiles, type PluginPackage } from '@biot-plugin/workspace';
import { type Zippable, zipSync } from 'fflate';

/** BioT-hosted plugins run `index.handler`; Lambda resolves it to index.mjs at the zip's root. */
const HANDLER_FILE = 'index.mjs';

// A fixed timestamp and mode make the zip a function of the bundle alone: the same build gives
// the same bytes, so two uploads can be compared by hash.
const ENTRY_OPTIONS = { mtime: new Date(2000, 0, 1), os: 3, attrs: 0o644 << 16, level: 9 } as const;

export class BundleNotBuiltError extends Error {
  constructor(distDir: string) {
    super(`${join(distDir, HANDLER_FILE)} does not exist; build the plugin first (pnpm build).`);
    this.name = 'BundleNotBuiltError';
  }
}

/**
 * Zips the plugin bundle that `pnpm build` wrote to `distDir` for BioT's plugin API: index.mjs at
 * the root, its chunks under `chunks/` (index.mjs imports them by relative path), and the source
 * maps when present (the runtime maps a logged error's stack with them). Nothing else in `distDir`.
 */
export async function pluginZipFromBundle(distDir: string): Promise<Uint8Array> {
  const names = await bundleFiles(distDir, HANDLER_FILE);
  if (!names.includes(HANDLER_FILE)) throw new BundleNotBuiltError(distDir);
  const files: Zippable = {};
  for (const name of names) files[name] = [await readFile(join(distDir, name)), ENTRY_OPTIONS];
  return zipSync(files);
}

/**
 * Builds the plugin's bundle (as `pnpm build` does) and writes it zipped to `<outDir>/<plugin>.zip`.
 * Resolves to the zip's path and bytes.
 */
export async function writePluginZip(
  pkg: PluginPackage,
  outDir: string,
): Promise<{ path: string; zip: Uint8Array }> {
  await buildPluginBundle(pkg);
  const zip = await pluginZipFromBundle(dirname(pkg.bundleFile));
  const path = join(outDir, `${pkg.name}.zip`);
  await mkdir(outDir, { recursive: true });
  await writeFile(path, zip);
  return { path, zip };
}
