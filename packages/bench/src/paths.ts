import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(benchDir, '..', '..');
/** Git-ignored (`.bench/` in the root .gitignore): built probes, the bench plugins' bundles, inputs. */
const workDir = join(benchDir, '.bench');

/** Every file the bench reads or writes. */
export const PATHS = {
  repoRoot,
  benchDir,
  workDir,
  probesDir: join(workDir, 'probes'),
  /** The bench's own plugins (`src/plugins/<name>/`), each bundled to `.bench/plugins/<name>/index.mjs`. */
  pluginsSource: join(benchDir, 'src', 'plugins'),
  pluginBundles: join(workDir, 'plugins'),
  /** What `pnpm zip` zips a bundle with (infra/scripts/plugin-zip.ts), for the zip's size. */
  pluginZipModule: join(repoRoot, 'infra', 'scripts', 'plugin-zip.ts'),
  benchResults: join(benchDir, 'results', 'latest.json'),
  loadResults: join(benchDir, 'results', 'load-latest.json'),
} as const;
