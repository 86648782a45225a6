import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { pluginZipFromBundle } from './plugin-zip.js';

// `pnpm zip`: the same bundle CDK deploys, as a zip for BioT's plugin API (BioT-hosted plugins).
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const distDir = join(repoRoot, 'packages', 'runtime', 'dist');
const zipPath = join(repoRoot, 'dist', 'biot-plugin.zip');

execFileSync('pnpm', ['--filter', '@biot-plugin/runtime', 'build'], {
  cwd: repoRoot,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
const zip = await pluginZipFromBundle(distDir);
await mkdir(join(repoRoot, 'dist'), { recursive: true });
await writeFile(zipPath, zip);

const entries = Object.keys(unzipSync(zip)).join(', ');
console.log(
  `wrote ${relative(repoRoot, zipPath)} (${zip.byteLength} bytes: ${entries}); handler index.handler`,
);
