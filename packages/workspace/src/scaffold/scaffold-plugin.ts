import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { HOOK_NAMES, type HookName, isHookName } from '@biot-plugin/runtime';
import { PLUGINS_DIR, PluginWorkspaceError, REPO_ROOT } from '../plugin-packages.js';
import { pluginFiles } from './plugin-files.js';
import { pluginNameProblem } from './plugin-name.js';

/** The hooks a new plugin gets when none are asked for: the most common kind of plugin. */
export const DEFAULT_HOOKS: readonly HookName[] = ['notification'];

/** The command line asked for a plugin the scaffolder cannot create; nothing was written. */
export class ScaffoldError extends PluginWorkspaceError {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The plugin's folder exists: the scaffolder never writes into one. */
export class PluginFolderExistsError extends ScaffoldError {}

export interface ScaffoldRequest {
  readonly name: string;
  /** Hook names as typed, e.g. `['notification', 'preRequest']`. @default DEFAULT_HOOKS */
  readonly hooks?: readonly string[];
  /** Where plugin folders are; tests pass a temporary one. @default PLUGINS_DIR */
  readonly pluginsDir?: string;
}

export interface ScaffoldedPlugin {
  readonly name: string;
  readonly dir: string;
  /** In HOOK_NAMES order, whatever order they were asked for in. */
  readonly hooks: readonly HookName[];
  /** The files written, relative to `dir`. */
  readonly files: readonly string[];
}

/**
 * Writes a new plugin package, `<pluginsDir>/<name>/`, with a working example of each hook. Checks
 * everything before writing anything, and never writes into a folder that exists.
 */
export async function scaffoldPlugin(request: ScaffoldRequest): Promise<ScaffoldedPlugin> {
  const name = request.name;
  const nameProblem = pluginNameProblem(name);
  if (nameProblem !== undefined) throw new ScaffoldError(nameProblem);
  const hooks = chosenHooks(request.hooks ?? DEFAULT_HOOKS);
  const pluginsDir = request.pluginsDir ?? PLUGINS_DIR;
  const dir = join(pluginsDir, name);

  await mkdir(pluginsDir, { recursive: true });
  try {
    await mkdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const shown = dir.startsWith(REPO_ROOT) ? relative(REPO_ROOT, dir) : dir;
    throw new PluginFolderExistsError(
      `${shown} already exists; choose another name, or remove the folder first.`,
    );
  }
  const files = pluginFiles({ name, hooks });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text, { flag: 'wx' });
  }
  return { name, dir, hooks, files: Object.keys(files) };
}

/** The hooks asked for, checked and in HOOK_NAMES order; a hook named twice is one hook. */
function chosenHooks(requested: readonly string[]): HookName[] {
  const unknown = requested.filter((hook) => !isHookName(hook));
  if (unknown.length > 0) {
    const what = unknown.length === 1 ? `"${unknown[0]}" is not a hook` : `${quoted(unknown)} are not hooks`;
    throw new ScaffoldError(`${what}; the hooks are: ${HOOK_NAMES.join(', ')}.`);
  }
  if (requested.length === 0) {
    throw new ScaffoldError(`Name at least one hook, of: ${HOOK_NAMES.join(', ')}.`);
  }
  return HOOK_NAMES.filter((hook) => requested.includes(hook));
}

function quoted(items: readonly string[]): string {
  return items.map((item) => `"${item}"`).join(', ');
}
