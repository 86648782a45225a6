import type { BuildOptions, Plugin } from 'esbuild';

/**
 * The one definition of how every Lambda of the repository is bundled (the plugins, the rotation
 * and the subscriptions functions). `pnpm build`, `pnpm zip`, the bench and CDK all bundle through
 * `bundlePlugin` with these options, so the bundle that is benchmarked is the bundle that is
 * deployed. It
 * lives with the build tooling, not in the deployed runtime or core: esbuild is a build-time
 * dependency only.
 */

/** The AWS SDK v3 ships with every Lambda Node.js runtime; bundling it would triple the bundle. */
export const externalModules = ['@aws-sdk/*'];

/**
 * An ESM bundle has no `require`, which bundled CommonJS modules and the built-ins loaded through
 * `builtinsViaRequire` (below) call.
 */
export const createRequireBanner =
  "import { createRequire as __biotCreateRequire } from 'node:module';const require = __biotCreateRequire(import.meta.url);";

export const target = 'node22';

/**
 * The built-ins below, imported by any bundled module, become `require` calls. An ESM bundle
 * hoists every static import to its top, so a bundled package's `import ... from 'node:zlib'` is
 * linked at load even when that package never runs; and linking a built-in as ESM builds its ESM
 * facade by reading every export, getters included. A `require` runs only when its importing
 * module is evaluated, and has no facade. It relies on the createRequire banner. Measured on
 * Node 22 (README, Performance):
 * - `node:http(s)`: the facade's WebSocket getters load all of undici, 45 ms against 6 ms;
 * - `node:zlib`: only Powertools' JMESPath functions use it, inside the lazily loaded idempotency
 *   store, yet the hoisted import loaded it on every cold start (≈ 2 ms);
 * - `node:fs`: its facade reads `fs.promises`, which loads fs/promises and readline (≈ 2 ms).
 * Other built-ins (crypto, console, url, module) measured no gain this way.
 */
export const builtinsViaRequire: Plugin = {
  name: 'builtins-via-require',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(https?|zlib|fs)$/ }, (args) =>
      args.namespace === 'builtin-require'
        ? { path: args.path, external: true }
        : { path: args.path.replace(/^node:/, ''), namespace: 'builtin-require' },
    );
    build.onLoad({ filter: /.*/, namespace: 'builtin-require' }, (args) => ({
      contents: `module.exports = require('node:${args.path}');`,
      loader: 'js',
    }));
  },
};

/**
 * Where the bundle's chunks go, next to `index.mjs`: the code that only some calls need (the
 * shared repeat check's Powertools Idempotency and JMESPath, the Secrets Manager request signer,
 * ...), which every dynamic `import()` of the runtime and core marks. In one file it was parsed
 * and compiled by every cold start (≈ 60 of 153 KB, ≈ 3 ms of import on Node 22); in a chunk it
 * is read when first imported. The entry and the chunks it imports statically are what a cold
 * start loads.
 */
export const CHUNKS_DIR = 'chunks';

export const esbuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  splitting: true,
  chunkNames: `${CHUNKS_DIR}/[name]-[hash]`,
  outExtension: { '.js': '.mjs' },
  target,
  minify: true,
  sourcemap: 'linked',
  // The map only names files and positions (0.34 MB instead of 1.39 MB): stacks are mapped lazily,
  // on the first logged error, from the map next to the bundle (runtime, log/source-mapped-stack.ts).
  sourcesContent: false,
  mainFields: ['module', 'main'],
  external: externalModules,
  banner: { js: createRequireBanner },
  legalComments: 'none',
  plugins: [builtinsViaRequire],
} as const satisfies BuildOptions;
