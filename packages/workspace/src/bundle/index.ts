export { type BundleResult, bundleFiles, bundleInChildProcess, bundlePlugin } from './build.js';
export {
  builtinsViaRequire,
  CHUNKS_DIR,
  createRequireBanner,
  esbuildOptions,
  externalModules,
  target,
} from './esbuild-options.js';
