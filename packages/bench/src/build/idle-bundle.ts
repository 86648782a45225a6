import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildOptions } from '@biot-plugin/runtime/bundle';
import { build, type Plugin } from 'esbuild';
import { PATHS } from '../paths.js';

const idleHooks = join(dirname(fileURLToPath(import.meta.url)), 'idle-hooks.ts');

/**
 * The production bundle with one difference: the runtime's `./hooks/index.js` is swapped for
 * hooks that call nothing. Same entry, same esbuild options, same pipeline, so its warm latency
 * is the pipeline's own overhead, for every event type including notifications.
 */
export async function buildIdleBundle(): Promise<string> {
  await build({
    ...esbuildOptions,
    entryPoints: [PATHS.runtimeSource],
    outfile: PATHS.idleBundle,
    logLevel: 'warning',
    plugins: [swapHooks(PATHS.runtimeSource, idleHooks)],
  });
  return PATHS.idleBundle;
}

function swapHooks(entry: string, replacement: string): Plugin {
  return {
    name: 'swap-plugin-hooks',
    setup(bundler) {
      bundler.onResolve({ filter: /^\.\/hooks\/index\.js$/ }, (args) =>
        args.importer === entry ? { path: replacement } : undefined,
      );
    },
  };
}
