import type { BuildOptions } from 'esbuild';

/**
 * The one definition of how every Lambda of the repository is bundled (the plugins, the rotation
 * and the subscriptions functions). `pnpm build`, `pnpm zip` and the CDK constructs'
 * NodejsFunction all use it, so the bundle that is benchmarked is the bundle that is deployed. It
 * lives with the build tooling, not in the deployed runtime or core: esbuild is a build-time
 * dependency only.
 */

/** The AWS SDK v3 ships with every Lambda Node.js runtime; bundling it would triple the bundle. */
export const externalModules = ['@aws-sdk/*'];

/**
 * The X-Ray SDK (pulled in by the Powertools tracer) calls `require`, which an ESM bundle lacks.
 */
export const createRequireBanner =
  "import { createRequire as __biotCreateRequire } from 'node:module';const require = __biotCreateRequire(import.meta.url);";

export const target = 'node22';

export const esbuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target,
  minify: true,
  sourcemap: 'linked',
  mainFields: ['module', 'main'],
  external: externalModules,
  banner: { js: createRequireBanner },
  legalComments: 'none',
} as const satisfies BuildOptions;
