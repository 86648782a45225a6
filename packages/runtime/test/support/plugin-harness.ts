import {
  type BiotEmulator,
  type BuildEventOptions,
  type EventType,
  lambdaContext,
  startBiotEmulator,
} from '@biot-plugin/biot-emulator';
import { loadConfig } from '../../src/config/config.js';
import type { FunctionUrlResult } from '../../src/event/function-url-event.js';
import type { PluginHooks } from '../../src/hook-api/hooks.js';
import { createHandler, type PluginHandler } from '../../src/pipeline/create-handler.js';
import { functionUrlEvent } from './function-url-events.js';
import { testHooks, testPlugin } from './test-plugin.js';

export { lambdaContext } from '@biot-plugin/biot-emulator';

export const SERVICE_USER_ID = 'dea7da00-1bce-44aa-8f8d-6027eb7aa536';
export const SERVICE_SECRET = 'service-secret-that-must-never-leak';

export interface Harness {
  emulator: BiotEmulator;
  handler: PluginHandler;
  /** Sends a BioT-built event of `type` through the handler, as a Function URL would. */
  invoke(type: EventType, options?: BuildEventOptions, budgetMs?: number): Promise<FunctionUrlResult>;
  /** A fresh handler: a new container, with cold caches. */
  coldStart(env?: Record<string, string>, hooks?: Partial<PluginHooks>, clock?: () => number): PluginHandler;
  close(): Promise<void>;
}

/**
 * The runtime as BioT sees it: a real BioT emulator on 127.0.0.1 (real RSA keys, RS512 tokens,
 * real HTTP) and a handler configured against it exactly as a deployment would be.
 */
export async function startHarness(
  options: {
    env?: Record<string, string>;
    hooks?: Partial<PluginHooks>;
    emulator?: Parameters<typeof startBiotEmulator>[0];
    /** Write the plugin metrics' EMF lines to stdout (off elsewhere: they would only drown the report). */
    metrics?: boolean;
    /** The handler's view of the process environment (X-Ray's variables); empty by default. */
    processEnv?: NodeJS.ProcessEnv;
  } = {},
): Promise<Harness> {
  const emulator = await startBiotEmulator({
    serviceUsers: [{ id: SERVICE_USER_ID, secretKey: SERVICE_SECRET }],
    ...options.emulator,
  });
  const coldStart = (
    env: Record<string, string> = {},
    hooks: Partial<PluginHooks> = options.hooks ?? testHooks,
    clock?: () => number,
  ) =>
    createHandler({
      ...(clock ? { clock } : {}),
      config: loadConfig({
        BIOT_BASE_URL: emulator.url,
        BIOT_SERVICE_USER_ID: SERVICE_USER_ID,
        BIOT_SERVICE_USER_SECRET_KEY: SERVICE_SECRET,
        BIOT_APP_NAME: 'test-plugin',
        BIOT_SERVICE_ENVIRONMENT: 'test',
        // Tests that assert on logs turn them on; elsewhere they would only drown the report.
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        ...options.env,
        ...env,
      }),
      plugin: testPlugin(hooks),
      env: { ...(options.metrics ? {} : { POWERTOOLS_METRICS_DISABLED: 'true' }), ...options.processEnv },
    });
  const handler = coldStart();
  return {
    emulator,
    handler,
    coldStart,
    async invoke(type, eventOptions, budgetMs) {
      const event = await emulator.buildEvent(type, eventOptions);
      return handler(functionUrlEvent({ headers: event.headers, body: event.body }), lambdaContext(budgetMs));
    },
    close: () => emulator.close(),
  };
}

export function bodyOf(result: FunctionUrlResult): Record<string, unknown> {
  return JSON.parse(result.body ?? 'null') as Record<string, unknown>;
}

/**
 * Counts the BioT calls made from now on, per route template (e.g. `POST /ums/v2/services/accessToken`).
 * Counting from a mark rather than resetting the emulator keeps the plugin's BioT session valid.
 */
export function trackCalls(emulator: BiotEmulator) {
  const before = emulator.stats().byRoute;
  const mark = emulator.requests.length;
  return {
    to: (route: string): number => (emulator.stats().byRoute[route] ?? 0) - (before[route] ?? 0),
    requests: () => emulator.requests.slice(mark),
  };
}
