/**
 * `pnpm biot-api generate`: rewrites the generated types from the project's copy of BioT's files.
 * `pnpm biot-api update <folder>`: replaces that copy with BioT's files in <folder>, regenerates
 * the types and prints what changed between the releases, breaking changes first.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedTypes } from '../generate/generated-types.js';
import { updateApiFiles } from '../update/update-api-files.js';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const USAGE = 'usage: pnpm biot-api generate | pnpm biot-api update <folder of BioT OpenAPI files>\n';

async function generate(): Promise<void> {
  for (const file of await generatedTypes(packageDir)) {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.text);
    process.stdout.write(`wrote ${relative(process.cwd(), file.path)}\n`);
  }
}

async function update(folder: string): Promise<void> {
  // pnpm runs a root script in the repository root; a relative folder is the caller's.
  const source = resolve(process.env.INIT_CWD ?? process.cwd(), folder);
  const changes = await updateApiFiles(packageDir, source);
  process.stdout.write(
    changes.length === 0
      ? "BioT's files replaced; no change to paths, parameters or schemas.\n"
      : `BioT's files replaced. What changed (${changes.length}):\n${changes.map((line) => `  ${line}\n`).join('')}`,
  );
  process.stdout.write(
    'Types regenerated; run `pnpm check` to see what in this repository the changes break.\n',
  );
}

const [command, folder, ...rest] = process.argv.slice(2).filter((arg) => arg !== '--');
try {
  if (command === 'generate' && folder === undefined) await generate();
  else if (command === 'update' && folder !== undefined && rest.length === 0) await update(folder);
  else {
    process.stderr.write(USAGE);
    process.exitCode = 2;
  }
} catch (error) {
  process.stderr.write(`biot-api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
