import { type PluginPackage, PluginWorkspaceError, selectPlugins } from '@biot-plugin/workspace';
import { UsageError } from '../errors.js';

/**
 * The plugins `--plugin` names (all of them without it, or the only one with `exactlyOne`). A
 * name that is not among them, or none among several where one is needed, is a wrong command line.
 */
export function pluginOption(
  plugins: readonly PluginPackage[],
  requested: string | undefined,
  options: { exactlyOne?: boolean } = {},
): PluginPackage[] {
  try {
    return selectPlugins(plugins, requested, options);
  } catch (error) {
    if (error instanceof PluginWorkspaceError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}
