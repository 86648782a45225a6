import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/**
 * Translates the runtime's shared esbuild options (the ones `pnpm build` uses) into NodejsFunction
 * bundling options, so the bundle CDK deploys is the bundle that was built, tested and benchmarked.
 * An option this file does not know fails synth instead of being silently dropped.
 */
export function bundlingFromEsbuildOptions(options: BuildOptions): BundlingOptions {
  const unmapped = Object.keys(options).filter((key) => !MAPPED_KEYS.has(key));
  if (unmapped.length > 0) {
    throw new Error(
      `The runtime's esbuild options ${unmapped.map((k) => `"${k}"`).join(', ')} have no NodejsFunction ` +
        'equivalent in infra/lib/construct/runtime-bundling.ts; map them there so `cdk deploy` ships ' +
        'the bundle that `pnpm build` makes.',
    );
  }
  if (options.bundle !== true) throw new Error('NodejsFunction always bundles; the shared options must too.');
  if (options.platform !== 'node') throw new Error(`esbuild platform "${options.platform}" is not "node".`);
  if (options.format !== 'esm') throw new Error(`esbuild format "${options.format}" is not "esm".`);
  if (typeof options.target !== 'string') {
    throw new Error('esbuild target must be one string, e.g. "node22".');
  }
  return {
    format: OutputFormat.ESM,
    target: options.target,
    minify: options.minify ?? false,
    sourceMap: options.sourcemap !== undefined && options.sourcemap !== false,
    ...(options.sourcemap ? { sourceMapMode: sourceMapMode(options.sourcemap) } : {}),
    ...(options.mainFields ? { mainFields: options.mainFields } : {}),
    // Unset means nothing external, as for esbuild; NodejsFunction's own default would drop the SDK.
    externalModules: options.external ?? [],
    ...(options.banner?.js ? { banner: options.banner.js } : {}),
    ...(options.legalComments ? { esbuildArgs: { '--legal-comments': options.legalComments } } : {}),
  };
}

/** The Lambda runtime that matches the bundle's esbuild target, e.g. node22 → nodejs22.x. */
export function lambdaRuntimeForTarget(target: string): Runtime {
  const runtime = RUNTIMES[target];
  if (!runtime) {
    throw new Error(
      `No Lambda runtime for esbuild target "${target}"; known: ${Object.keys(RUNTIMES).join(', ')}.`,
    );
  }
  return runtime;
}

const MAPPED_KEYS = new Set([
  'bundle',
  'platform',
  'format',
  'target',
  'minify',
  'sourcemap',
  'mainFields',
  'external',
  'banner',
  'legalComments',
]);

const RUNTIMES: Readonly<Record<string, Runtime>> = {
  node20: Runtime.NODEJS_20_X,
  node22: Runtime.NODEJS_22_X,
  node24: Runtime.NODEJS_24_X,
};

function sourceMapMode(sourcemap: NonNullable<BuildOptions['sourcemap']>): SourceMapMode {
  switch (sourcemap) {
    // esbuild's `true` and 'linked' both write index.mjs.map plus a sourceMappingURL comment.
    case true:
    case 'linked':
      return SourceMapMode.DEFAULT;
    case 'external':
      return SourceMapMode.EXTERNAL;
    case 'inline':
      return SourceMapMode.INLINE;
    case 'both':
      return SourceMapMode.BOTH;
    default:
      throw new Error(`esbuild sourcemap "${String(sourcemap)}" has no NodejsFunction equivalent.`);
  }
}
