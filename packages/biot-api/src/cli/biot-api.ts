/**
 * `pnpm biot-api generate`: rewrites the generated types from the project's copy of BioT's files.
 * `pnpm biot-api update <folder>`: replaces that copy with BioT's files in <folder>, prints what
 * changed between the releases, and regenerates the types.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedTypes } from '../generate/generated-types.js';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

async function generate(): Promise<void> {
  for (const file of await generatedTypes(packageDir)) {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.text);
    process.stdout.write(`wrote ${relative(process.cwd(), file.path)}\n`);
  }
}

const [command] = process.argv.slice(2).filter((arg) => arg !== '--');
if (command === 'generate') {
  await generate();
} else {
  process.stderr.write('usage: pnpm biot-api generate | update <folder of BioT OpenAPI files>\n');
  process.exitCode = 2;
}
