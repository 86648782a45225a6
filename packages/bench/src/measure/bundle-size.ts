import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { ZipSize } from '../build/plugin-zip.js';
import type { Measurement } from '../report/measurement.js';

/** The deployed artefacts' sizes: the bundle Lambda loads, and the zip BioT's plugin API takes. */
export async function measureBundleSize(bundle: string, zip: ZipSize): Promise<Measurement[]> {
  const code = await readFile(bundle);
  return [
    {
      id: 'bundle.bytes',
      metric: 'bundle index.mjs, minified',
      value: code.byteLength,
      unit: 'bytes',
      target: { op: '<=', limit: 250_000 },
    },
    {
      id: 'bundle.gzipBytes',
      metric: 'bundle index.mjs, gzip -9',
      value: gzipSync(code, { level: 9 }).byteLength,
      unit: 'bytes',
    },
    {
      id: 'bundle.zipBytes',
      metric: 'zipped as pnpm zip does (index.mjs + source map)',
      value: 'bytes' in zip ? zip.bytes : undefined,
      unit: 'bytes',
      ...('unavailable' in zip ? { unavailable: zip.unavailable } : {}),
    },
  ];
}
