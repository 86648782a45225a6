import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readApiFiles } from '../files/api-files.js';
import { generatedTypes } from '../generate/generated-types.js';
import { releaseChanges } from './release-changes.js';

/**
 * Replaces the copy of BioT's files in `<packageDir>/openapi` with the `*.json` (and README) of
 * `sourceDir`, regenerates the types, and answers what changed between the two releases.
 * Refuses a folder without a readable OpenAPI file, before touching the copy.
 */
export async function updateApiFiles(packageDir: string, sourceDir: string): Promise<string[]> {
  const target = join(packageDir, 'openapi');
  const before = await readApiFiles(target);
  const after = await readApiFiles(sourceDir).catch((error: unknown) => {
    throw new Error(`${sourceDir} is not a folder of BioT's OpenAPI files: ${String(error)}`);
  });
  if (after.length === 0) throw new Error(`${sourceDir} holds no BioT OpenAPI file (*.json)`);
  for (const file of after) {
    if (typeof file.document.openapi !== 'string' || typeof file.document.paths !== 'object') {
      throw new Error(`${file.service}.json in ${sourceDir} is not an OpenAPI document`);
    }
  }
  const changes = releaseChanges(before, after);
  for (const name of await readdir(target)) {
    if (name.endsWith('.json') || name === 'README.md') await rm(join(target, name));
  }
  for (const name of await readdir(sourceDir)) {
    if (name.endsWith('.json') || name === 'README.md')
      await copyFile(join(sourceDir, name), join(target, name));
  }
  for (const file of await generatedTypes(packageDir)) {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.text);
  }
  return changes;
}
