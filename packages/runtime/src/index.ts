/**
 * The Lambda entry point (`index.handler`). Configuration is read once per container from the
 * environment (README "Environment variables"); the hooks come from `src/hooks/`.
 */
import { loadConfig } from './config/config.js';
import { hooks } from './hooks/index.js';
import { createHandler } from './pipeline/create-handler.js';

export const handler = createHandler({ config: loadConfig(process.env), hooks });

export { loadConfig, type RuntimeConfig } from './config/config.js';
export type { FunctionUrlEvent, FunctionUrlResult } from './event/function-url-event.js';
export * from './hook-api/index.js';
export {
  createHandler,
  type HandlerOptions,
  type InvocationContext,
  type PluginHandler,
} from './pipeline/create-handler.js';
