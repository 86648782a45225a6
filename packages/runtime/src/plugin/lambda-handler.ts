import { loadConfig } from '../config/config.js';
import { createHandler, type PluginHandler } from '../pipeline/create-handler.js';
import type { PluginDefinition } from './define-plugin.js';

/**
 * The Lambda handler of a plugin, configured from the environment (README "Environment
 * variables"). A plugin's `src/handler.ts` is one line: `export const handler = lambdaHandler(plugin)`.
 * Calling it creates the container's caches (keys, service session, HTTP client) once.
 */
export function lambdaHandler(plugin: PluginDefinition, env: NodeJS.ProcessEnv = process.env): PluginHandler {
  return createHandler({ config: loadConfig(env, { appName: plugin.name }), plugin, env });
}
