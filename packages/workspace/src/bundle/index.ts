export { type BundleResult, bundleInChildProcess, bundlePlugin } from './build.js';
export {
  builtinsViaRequire,
  createRequireBanner,
  esbuildOptions,
  externalModules,
  target,
} from './esbuild-options.js';
