/**
 * The BioT plugin runtime, as a library: importing it creates nothing. A plugin package defines
 * itself with `definePlugin` and exports `lambdaHandler(plugin)` as its Lambda handler.
 */
export { loadConfig, type RuntimeConfig } from './config/config.js';
export type { FunctionUrlEvent, FunctionUrlResult } from './event/function-url-event.js';
export {
  HEALTH_CHECK_EVENT,
  HEALTH_CHECK_KEY,
  HEALTH_CHECK_STEPS,
  HEALTH_CHECK_VERSION,
  type HealthCheckReport,
  type HealthCheckStep,
  type HealthCheckStepName,
} from './event/health-check-event.js';
export * from './hook-api/index.js';
export {
  HOOK_NAMES,
  HOOK_TYPES,
  type HookName,
  type HookTypeSpec,
  hookForInterception,
  isHookName,
} from './hook-types.js';
export {
  createHandler,
  type HandlerOptions,
  type InvocationContext,
  type PluginHandler,
} from './pipeline/create-handler.js';
export { hooksCalledBy, type PluginSchedule, subscriptionOverrideProblems } from './plugin/define-plugin.js';
export { lambdaHandler } from './plugin/lambda-handler.js';
export { isPluginName, PLUGIN_NAME_RULE } from './plugin/plugin-name.js';
export { INTERCEPTION_TYPES, NO_SUBSCRIPTIONS } from './plugin/subscriptions.js';
