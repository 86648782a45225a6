import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const runtimeSource = createRequire(import.meta.url).resolve('@biot-plugin/runtime');
const runtimeDir = dirname(dirname(runtimeSource));
const repoRoot = join(benchDir, '..', '..');
/** Git-ignored (`.bench/` in the root .gitignore): built probes, the idle-hook bundle, event files. */
const workDir = join(benchDir, '.bench');

/** Every file the bench reads or writes. */
export const PATHS = {
  repoRoot,
  benchDir,
  workDir,
  probesDir: join(workDir, 'probes'),
  /** `packages/runtime/src/index.ts`: the entry `pnpm build` bundles. */
  runtimeSource,
  /** `packages/runtime/dist/index.mjs`: what `pnpm build` writes and a deployment runs. */
  runtimeBundle: join(runtimeDir, 'dist', 'index.mjs'),
  /** What `pnpm zip` writes (infra/scripts/zip.ts). */
  pluginZip: join(repoRoot, 'dist', 'biot-plugin.zip'),
  /** The production pipeline with hooks that call nothing (see build/idle-bundle.ts). */
  idleBundle: join(workDir, 'idle-hooks', 'index.mjs'),
  benchResults: join(benchDir, 'results', 'latest.json'),
  loadResults: join(benchDir, 'results', 'load-latest.json'),
} as const;
