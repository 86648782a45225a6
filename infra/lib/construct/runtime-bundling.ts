import { join } from 'node:path';
import { bundleInChildProcess } from '@biot-plugin/workspace';
import { AssetHashType, type BundlingOptions, DockerImage } from 'aws-cdk-lib';
import { Code, Runtime } from 'aws-cdk-lib/aws-lambda';

/**
 * The code of a repository Lambda: its entry bundled by `bundlePlugin` (@biot-plugin/workspace),
 * the very function `pnpm build`, `pnpm zip` and the bench run, so the bundle CDK deploys is the
 * bundle that was built, tested and benchmarked by construction. NodejsFunction is not used: it
 * passes esbuild command-line flags and cannot run the esbuild plugins the shared options carry
 * (node:http(s) as `require`, workspace bundle/esbuild-options.ts).
 *
 * The asset is the bundle folder (index.mjs, the chunks only some calls load, and their source
 * maps), hashed by its content. There is no Docker fallback: esbuild runs locally, as it does for
 * `pnpm build`.
 */
export function bundledCode(entry: string, projectRoot: string): Code {
  const bundling: BundlingOptions & { entry: string } = {
    // CDK caches staged assets by source path and the JSON of these options, which drops
    // functions: the entry must be a plain field, or every Lambda of a stack would get the first's.
    entry,
    image: DockerImage.fromRegistry('no-docker-bundling'),
    local: {
      tryBundle(outputDir) {
        bundleInChildProcess(entry, join(outputDir, 'index.mjs'));
        return true;
      },
    },
  };
  return Code.fromAsset(projectRoot, { assetHashType: AssetHashType.OUTPUT, bundling });
}

/** The handler of a bundle: `index.mjs` exporting `handler`. */
export const BUNDLE_HANDLER = 'index.handler';

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

const RUNTIMES: Readonly<Record<string, Runtime>> = {
  node20: Runtime.NODEJS_20_X,
  node22: Runtime.NODEJS_22_X,
  node24: Runtime.NODEJS_24_X,
};
