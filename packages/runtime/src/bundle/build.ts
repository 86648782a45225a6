import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptions } from './esbuild-options.js';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = join(packageRoot, 'dist', 'index.mjs');

await mkdir(dirname(outfile), { recursive: true });
const result = await build({
  ...esbuildOptions,
  entryPoints: [join(packageRoot, 'src', 'index.ts')],
  outfile,
  metafile: true,
});
const bytes =
  result.metafile.outputs[Object.keys(result.metafile.outputs).find((o) => o.endsWith('.mjs')) ?? '']?.bytes;
console.log(`built ${outfile} (${bytes ?? '?'} bytes)`);
