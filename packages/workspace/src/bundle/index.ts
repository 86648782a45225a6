export { type BundleResult, bundlePlugin } from './build.js';
export { createRequireBanner, esbuildOptions, externalModules, target } from './esbuild-options.js';
