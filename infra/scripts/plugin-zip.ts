import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildPluginBundle, type PluginPackage } from '@biot-plugin/workspace';
import { type Zippable, zipSync } from 'fflate';

/** BioT-hosted plugins run `index.handler`; Lambda resolves it to index.mjs at the zip's root. */
const HANDLER_FILE = 'index.mjs';
const SOURCE_MAP_FILE = `${HANDLER_FILE}.map`;

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
 * the root, and its source map when present (the runtime maps a logged error's stack with it).
 */
export async function pluginZipFromBundle(distDir: string): Promise<Uint8Array> {
  const handler = await readOptional(join(distDir, HANDLER_FILE));
  if (!handler) throw new BundleNotBuiltError(distDir);
  const files: Zippable = { [HANDLER_FILE]: [handler, ENTRY_OPTIONS] };
  const sourceMap = await readOptional(join(distDir, SOURCE_MAP_FILE));
  if (sourceMap) files[SOURCE_MAP_FILE] = [sourceMap, ENTRY_OPTIONS];
  return zipSync(files);
}

async function readOptional(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
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
