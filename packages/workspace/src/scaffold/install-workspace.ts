import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PluginWorkspaceError, REPO_ROOT } from '../plugin-packages.js';

/** pnpm could not link the workspace; the cause is in its output. */
export class WorkspaceInstallError extends PluginWorkspaceError {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceInstallError';
  }
}

/**
 * Links a new workspace package (its `@biot-plugin/*` dependencies, and its lockfile entry) with
 * `pnpm install --offline`: everything it needs is already in the store, so no network is needed.
 * When the store lacks something (a fresh clone, a pruned store) it falls back to `pnpm install`.
 * `--filter` links the new package alone and leaves every other package's node_modules as they
 * are, so tests running meanwhile keep their imports. Resolves to the command that succeeded.
 */
export async function installWorkspace({
  packageDir,
  cwd = REPO_ROOT,
}: {
  /** The new package; without it, the whole workspace is installed. */
  packageDir?: string;
  cwd?: string;
} = {}): Promise<string> {
  // Under CI pnpm freezes the lockfile by default, but a new package is a change to it.
  const args = [
    'install',
    '--no-frozen-lockfile',
    // pnpm matches a directory filter only as a path relative to the workspace, starting with `./`.
    ...(packageDir === undefined ? [] : ['--filter', `./${relative(cwd, packageDir)}`]),
  ];
  const offline = await pnpm([...args, '--offline'], cwd);
  if (offline === 0) return linked(`pnpm ${[...args, '--offline'].join(' ')}`, packageDir);
  const online = await pnpm(args, cwd);
  if (online === 0) return linked(`pnpm ${args.join(' ')}`, packageDir);
  // pnpm has printed why; what is left to say is what to do.
  throw new WorkspaceInstallError(
    `pnpm install failed (exit ${online}) after \`pnpm install --offline\` did (exit ${offline}); ` +
      `the plugin's files are written, so run \`pnpm install\` in ${cwd} once the cause is fixed.`,
  );
}

/** pnpm exits 0 when a filter matches nothing: the new package's runtime link is the proof it worked. */
function linked(command: string, packageDir: string | undefined): string {
  if (packageDir !== undefined && !existsSync(join(packageDir, 'node_modules', '@biot-plugin', 'runtime'))) {
    throw new WorkspaceInstallError(
      `\`${command}\` succeeded but did not link ${packageDir}; run \`pnpm install\`.`,
    );
  }
  return command;
}

/** Runs pnpm on the user's terminal, so its progress and errors show as they happen. */
function pnpm(args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', args, { cwd, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}
