import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { PATHS } from '../paths.js';

const probesSource = join(dirname(fileURLToPath(import.meta.url)), '..', 'probes');

/**
 * The probes run in fresh `node` processes that must load nothing but the bundle under test:
 * no tsx loader, whose module hooks would be part of every import measured. So they are
 * compiled to plain JavaScript first (≈ 20 ms).
 */
export async function buildProbes(): Promise<void> {
  const entries = (await readdir(probesSource)).filter((file) => file.endsWith('-probe.ts'));
  await build({
    entryPoints: entries.map((file) => join(probesSource, file)),
    outdir: PATHS.probesDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
}

/** The compiled probe for `src/probes/<name>-probe.ts`. */
export function probePath(name: string): string {
  return join(PATHS.probesDir, `${name}-probe.mjs`);
}
