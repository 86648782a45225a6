import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ensurePluginBundle, type PluginPackage } from '@biot-plugin/workspace';
import { BundleBuildError } from '../errors.js';
import type { DevServerLog } from '../server/dev-server-log.js';

/** Which build of a plugin to serve: its TypeScript source (reloads on edit) or its production bundle. */
export type PluginBuild = 'source' | 'bundle';

/** What the dev server imports for a plugin, and the folders whose changes reload it. */
export interface PluginEntry {
  /** The plugin's `src/handler.ts`, or its bundle `dist/index.mjs`. */
  readonly module: string;
  readonly watchDirs: readonly string[];
}

/**
 * `packages/runtime/src`: the source behind every plugin's handler, so an edit there reloads
 * every plugin served from source.
 */
export const RUNTIME_SOURCE_DIR = dirname(createRequire(import.meta.url).resolve('@biot-plugin/runtime'));

/**
 * The plugin's handler module. The source is the plugin's `src/handler.ts`, watched with the
 * runtime's source. The bundle is built first (the production build, `pnpm build`) when missing
 * or older than either source, and watched for the next `pnpm build`.
 */
export async function pluginEntry(
  pkg: PluginPackage,
  build: PluginBuild,
  log: DevServerLog,
): Promise<PluginEntry> {
  if (build === 'source') {
    return { module: pkg.handlerFile, watchDirs: [join(pkg.dir, 'src'), RUNTIME_SOURCE_DIR] };
  }
  try {
    if (await ensurePluginBundle(pkg)) log.info(`built ${pkg.bundleFile}`);
  } catch (error) {
    throw new BundleBuildError(
      `Building the bundle of plugin "${pkg.name}" failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return { module: pkg.bundleFile, watchDirs: [dirname(pkg.bundleFile)] };
}
