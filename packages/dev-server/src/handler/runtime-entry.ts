import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BundleBuildError } from '../errors.js';

/** Where the runtime package lives: its source entry, its source tree and its production bundle. */
export interface RuntimeEntry {
  /** `packages/runtime/src/index.ts`, exporting `handler`. */
  source: string;
  /** `packages/runtime/src`: what to watch for edits. */
  sourceDir: string;
  /** `packages/runtime/dist/index.mjs`, what `pnpm build` writes and a deployment runs. */
  bundle: string;
  bundleDir: string;
}

export function runtimeEntry(): RuntimeEntry {
  const source = createRequire(import.meta.url).resolve('@biot-plugin/runtime');
  const sourceDir = dirname(source);
  const bundleDir = join(dirname(sourceDir), 'dist');
  return { source, sourceDir, bundle: join(bundleDir, 'index.mjs'), bundleDir };
}

/**
 * Makes sure the production bundle exists and is newer than every source file, building it with
 * the runtime's own build (the one `pnpm build` runs) when it is not. Resolves to whether it built.
 */
export async function ensureRuntimeBundle(entry: RuntimeEntry = runtimeEntry()): Promise<boolean> {
  const bundleTime = await modifiedAt(entry.bundle);
  if (bundleTime !== undefined && bundleTime >= (await newestIn(entry.sourceDir))) return false;
  await buildRuntimeBundle(entry);
  return true;
}

export function buildRuntimeBundle(entry: RuntimeEntry = runtimeEntry()): Promise<void> {
  const packageDir = dirname(entry.sourceDir);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('src', 'bundle', 'build.ts')], {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', (error) =>
      reject(new BundleBuildError(`Cannot run the runtime build: ${error.message}`)),
    );
    child.once('close', (code) => {
      if (code === 0) resolve();
      else
        reject(new BundleBuildError(`Building the runtime bundle failed (exit ${code}):\n${output.trim()}`));
    });
  });
}

async function modifiedAt(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function newestIn(directory: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await modifiedAt(join(entry.parentPath, entry.name))) ?? 0);
  }
  return newest;
}
