import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import {
  findPlugins,
  loadPluginDefinition,
  PLUGINS_DIR,
  PluginWorkspaceError,
  REPO_ROOT,
} from '@biot-plugin/workspace';
import type { DeployablePlugin } from './plugin-app.js';

/**
 * Every plugin package in `pluginsDir` (packages/plugins), its definition loaded: what an
 * environment may name. Loading runs each definePlugin, so an inconsistent definition fails here
 * with its PluginDefinitionError.
 */
export async function loadWorkspacePlugins(pluginsDir: string = PLUGINS_DIR): Promise<DeployablePlugin[]> {
  return Promise.all(
    findPlugins(pluginsDir).map(async (pkg) => {
      if (!existsSync(pkg.handlerFile)) {
        throw new PluginWorkspaceError(
          `${relative(REPO_ROOT, pkg.handlerFile)} does not exist; a plugin's Lambda entry is its ` +
            'src/handler.ts: export const handler = lambdaHandler(plugin).',
        );
      }
      return { definition: await loadPluginDefinition(pkg), handlerFile: pkg.handlerFile };
    }),
  );
}
