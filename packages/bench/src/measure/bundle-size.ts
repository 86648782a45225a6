import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { BenchBundle } from '../build/bench-bundles.js';
import type { ZipSize } from '../build/plugin-zip.js';
import type { Measurement } from '../report/measurement.js';

/**
 * The deployed artefacts' sizes: the code a cold start loads (index.mjs and the chunks it imports
 * statically), all the code (the chunks that only some calls load included: the size target is
 * on this one), and the zip BioT's plugin API takes.
 */
export async function measureBundleSize(bundle: BenchBundle, zip: ZipSize): Promise<Measurement[]> {
  const entry = await readFile(bundle.file);
  return [
    {
      id: 'bundle.bytes',
      metric: 'bundle, all code (index.mjs + chunks), minified',
      value: bundle.sizes.codeBytes,
      unit: 'bytes',
      target: { op: '<=', limit: 250_000 },
    },
    {
      id: 'bundle.loadedAtImportBytes',
      metric: 'bundle, loaded by a cold start (index.mjs + its static chunks)',
      value: bundle.sizes.loadedAtImportBytes,
      unit: 'bytes',
    },
    {
      id: 'bundle.gzipBytes',
      metric: 'bundle index.mjs, gzip -9',
      value: gzipSync(entry, { level: 9 }).byteLength,
      unit: 'bytes',
    },
    {
      id: 'bundle.zipBytes',
      metric: 'zipped as pnpm zip does (index.mjs, chunks, source maps)',
      value: 'bytes' in zip ? zip.bytes : undefined,
      unit: 'bytes',
      ...('unavailable' in zip ? { unavailable: zip.unavailable } : {}),
    },
  ];
}
