import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type BundleResult, bundlePlugin } from './bundle/build.js';
import type { PluginPackage } from './plugin-packages.js';

/** Builds a plugin's production bundle (`dist/index.mjs`) from its handler entry. */
export function buildPluginBundle(pkg: PluginPackage): Promise<BundleResult> {
  return bundlePlugin(pkg.handlerFile, pkg.bundleFile);
}

/**
 * Builds the bundle unless it is newer than every source file the bundle is made of (the plugin's
 * `src`, the runtime's and the BioT core's). Resolves to whether it built.
 */
export async function ensurePluginBundle(pkg: PluginPackage): Promise<boolean> {
  const built = await modifiedAt(pkg.bundleFile);
  const sources = [join(pkg.dir, 'src'), ...FRAMEWORK_SRC];
  if (built !== undefined) {
    const newest = Math.max(...(await Promise.all(sources.map(newestIn))));
    if (built >= newest) return false;
  }
  await buildPluginBundle(pkg);
  return true;
}

const FRAMEWORK_SRC = ['../../runtime/src', '../../core/src'].map(
  (dir) => new URL(dir, import.meta.url).pathname,
);

async function modifiedAt(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function newestIn(directory: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await modifiedAt(join(entry.parentPath, entry.name))) ?? 0);
  }
  return newest;
}
