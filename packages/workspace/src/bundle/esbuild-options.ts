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
 * `node:http` and `node:https` imported by any bundled module become `require` calls. An ESM
 * bundle hoists every static import to its top, so a bundled package's `import http from
 * 'node:http'` is linked at load even when that package never runs (the Powertools tracer's was,
 * before the runtime wrote its X-Ray subsegments itself); and on Node 22 linking node:http
 * as ESM builds its ESM facade by reading every export, including the lazy WebSocket getters that
 * load all of undici: 45 ms against 6 ms for `require('node:http')` (README, Performance). A
 * `require` runs only when its importing module is evaluated, and has no facade. It relies on the
 * createRequire banner. Other built-ins measured no gain this way.
 */
export const builtinsViaRequire: Plugin = {
  name: 'builtins-via-require',
  setup(build) {
    build.onResolve({ filter: /^(node:)?https?$/ }, (args) =>
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

export const esbuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
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
