/**
 * The local side of BioT plugins: a Function URL stand-in that serves a plugin's handler over
 * HTTP, and the demo and commands built on it (`pnpm start`, `pnpm invoke`).
 */

export { type DemoTableOptions, renderDemoTable } from './demo/demo-table.js';
export { type DemoReport, type DemoRow, type LocalDemoOptions, runLocalDemo } from './demo/run-local-demo.js';
export {
  BundleBuildError,
  DevServerError,
  EndpointError,
  HandlerLoadError,
  InvalidFunctionResultError,
  MissingCredentialsError,
  NoDevSessionError,
  UsageError,
} from './errors.js';
export { type BiotExpectation, biotExpectation } from './events/biot-expectation.js';
export {
  type EventBuilder,
  eventTypeOf,
  type HookEvent,
  hookEvent,
  pluginEvents,
} from './events/hook-events.js';
export { type SentCall, sendCall } from './events/send-call.js';
export type { FunctionUrlRequestEvent } from './function-url/function-url-request-event.js';
export type { LocalLambdaContext } from './function-url/lambda-context.js';
export { DEFAULT_TIMEOUT_MS, MAX_PAYLOAD_BYTES } from './function-url/limits.js';
export {
  type PluginBuild,
  type PluginEntry,
  pluginEntry,
  RUNTIME_SOURCE_DIR,
} from './handler/plugin-entry.js';
export { DIRECT_INVOCATION_PATH } from './invoke-api/invoke-api.js';
export {
  type LocalPlugin,
  type LocalStack,
  type LocalStackOptions,
  startLocalStack,
} from './local/local-stack.js';
export { type EmfDocument, parseEmfLine, summarizeMetrics } from './metrics/emf-document.js';
export {
  type DevServer,
  type DevServerOptions,
  type InvocationRecord,
  startDevServer,
} from './server/dev-server.js';
export { type DevServerLog, silentLog, stderrLog } from './server/dev-server-log.js';
export type { FunctionHandler } from './server/invoke-handler.js';
