import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PluginDefinition } from '@biot-plugin/runtime';

/** The repository root: where pnpm-workspace.yaml is. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where plugin packages live, one folder each: `packages/plugins/<name>/`. */
export const PLUGINS_DIR = join(REPO_ROOT, 'packages', 'plugins');

/** A plugin package of the repository, found by its folder; nothing of its code is loaded. */
export interface PluginPackage {
  /** The plugin's name: its folder's name, and the `name` its definition must give. */
  readonly name: string;
  readonly dir: string;
  /** `src/plugin.ts`: exports `plugin`, the definePlugin(...) result. */
  readonly definitionFile: string;
  /** `src/handler.ts`: exports `handler`, the Lambda entry. */
  readonly handlerFile: string;
  /** `dist/index.mjs`: the production bundle `pnpm build` writes. */
  readonly bundleFile: string;
}

export class PluginWorkspaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PluginWorkspaceError';
  }
}

/** Every plugin package under `pluginsDir`, by name. A folder without `src/plugin.ts` is not one. */
export function findPlugins(pluginsDir: string = PLUGINS_DIR): PluginPackage[] {
  if (!existsSync(pluginsDir)) return [];
  return readdirSync(pluginsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(pluginsDir, entry.name, 'src', 'plugin.ts')))
    .map((entry) => pluginPackage(join(pluginsDir, entry.name), entry.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function pluginPackage(dir: string, name: string): PluginPackage {
  return {
    name,
    dir,
    definitionFile: join(dir, 'src', 'plugin.ts'),
    handlerFile: join(dir, 'src', 'handler.ts'),
    bundleFile: join(dir, 'dist', 'index.mjs'),
  };
}

/**
 * The plugins a command works on: the one `--plugin` names, or all of them. `required` commands
 * (invoke, zip, ops) need exactly one: with one plugin in the repository `--plugin` may be omitted.
 */
export function selectPlugins(
  plugins: readonly PluginPackage[],
  requested: string | undefined,
  { exactlyOne = false } = {},
): PluginPackage[] {
  const names = plugins.map((plugin) => plugin.name);
  if (plugins.length === 0) {
    throw new PluginWorkspaceError(
      'There are no plugins in packages/plugins; create one with `pnpm new-plugin <name>`.',
    );
  }
  if (requested !== undefined) {
    const found = plugins.find((plugin) => plugin.name === requested);
    if (found === undefined) {
      throw new PluginWorkspaceError(
        `There is no plugin "${requested}"; the plugins are: ${names.join(', ')}.`,
      );
    }
    return [found];
  }
  if (exactlyOne && plugins.length > 1) {
    throw new PluginWorkspaceError(`Name the plugin with --plugin <name>, one of: ${names.join(', ')}.`);
  }
  return [...plugins];
}

/**
 * Imports a plugin's definition (under tsx, as the CDK app and the local tools run) and checks
 * that it is one: the export `plugin`, named as its folder.
 */
export async function loadPluginDefinition(pkg: PluginPackage): Promise<PluginDefinition> {
  const module = (await import(pathToFileURL(pkg.definitionFile).href)) as { plugin?: unknown };
  const plugin = module.plugin as PluginDefinition | undefined;
  if (typeof plugin !== 'object' || plugin === null || typeof plugin.name !== 'string') {
    throw new PluginWorkspaceError(
      `${pkg.definitionFile} must export \`plugin\`, the result of definePlugin({ name, hooks, subscriptions }).`,
    );
  }
  if (plugin.name !== pkg.name) {
    throw new PluginWorkspaceError(
      `The plugin in packages/plugins/${pkg.name} is named "${plugin.name}"; a plugin's name must be its folder's name.`,
    );
  }
  return plugin;
}
