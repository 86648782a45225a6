import { type BiotEmulator, startBiotEmulator } from '@biot-plugin/biot-emulator';
import { ensureRuntimeBundle, runtimeEntry } from '../handler/runtime-entry.js';
import { type DevServer, type InvocationRecord, startDevServer } from '../server/dev-server.js';
import { type DevServerLog, stderrLog } from '../server/dev-server-log.js';
import type { ServiceUserCredentials } from './biot-credentials.js';
import { pluginEnv } from './plugin-env.js';

/** Which runtime to serve: the TypeScript source (reloads on edit) or the production bundle. */
export type RuntimeBuild = 'source' | 'bundle';

export interface LocalStackOptions {
  /** Default `source`. */
  build?: RuntimeBuild;
  /** The dev server's port; default 0, a free one. */
  port?: number;
  /** The emulator's port; default 0, a free one. */
  emulatorPort?: number;
  timeoutMs?: number;
  /** POWERTOOLS_LOG_LEVEL for the runtime; default INFO. */
  logLevel?: string;
  /** Reload the handler when its source (or the bundle) changes. Default false. */
  watch?: boolean;
  /** A real BioT environment instead of the emulator. */
  biot?: { url: string; credentials: ServiceUserCredentials };
  log?: DevServerLog;
  onInvocation?: (record: InvocationRecord) => void;
}

/** The plugin running on this machine, and the BioT it talks to. */
export interface LocalStack {
  readonly devServer: DevServer;
  /** The BioT stand-in; undefined against a real BioT. */
  readonly emulator: BiotEmulator | undefined;
  /** What the runtime has as BIOT_BASE_URL. */
  readonly biotUrl: string;
  readonly serviceUserId: string;
  readonly build: RuntimeBuild;
  /** The module the dev server imports. */
  readonly handlerModule: string;
  close(): Promise<void>;
}

/** The id of the emulator's service user that the local plugin logs in as. */
export const LOCAL_SERVICE_USER_ID = '5e7d1c2b-0a9f-4e3d-8c7b-000000b10710';

/**
 * Starts the plugin the way BioT would reach it: the emulator (unless a real BioT is given), a
 * service user for the plugin in it, and the dev server serving the runtime with the environment
 * a deployment would have.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? stderrLog;
  const build = options.build ?? 'source';
  const entry = runtimeEntry();
  if (build === 'bundle' && (await ensureRuntimeBundle(entry))) {
    log.info(`built the runtime bundle ${entry.bundle}`);
  }

  const { emulator, biotUrl, credentials } =
    options.biot === undefined
      ? await emulatedBiot(options.emulatorPort ?? 0)
      : { emulator: undefined, biotUrl: options.biot.url, credentials: options.biot.credentials };
  try {
    const handlerModule = build === 'bundle' ? entry.bundle : entry.source;
    const devServer = await startDevServer({
      handlerModule,
      env: pluginEnv({
        biotUrl,
        serviceUserId: credentials.id,
        serviceUserSecretKey: credentials.secretKey,
        logLevel: options.logLevel ?? 'INFO',
        emulated: emulator !== undefined,
      }),
      ...(options.watch ? { watch: build === 'bundle' ? entry.bundleDir : entry.sourceDir } : {}),
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.onInvocation === undefined ? {} : { onInvocation: options.onInvocation }),
      log,
    });
    return {
      devServer,
      emulator,
      biotUrl,
      serviceUserId: credentials.id,
      build,
      handlerModule,
      close: async () => {
        await devServer.close();
        await emulator?.close();
      },
    };
  } catch (error) {
    await emulator?.close();
    throw error;
  }
}

/** A fresh emulator with a service user for the plugin, as a BioT admin would create one. */
async function emulatedBiot(port: number) {
  const emulator = await startBiotEmulator({ port });
  const credentials = emulator.addServiceUser({ id: LOCAL_SERVICE_USER_ID, name: 'local-plugin' });
  return { emulator, biotUrl: emulator.url, credentials };
}
