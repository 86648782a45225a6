import { randomUUID } from 'node:crypto';
import { type BiotEmulator, startBiotEmulator } from '@biot-plugin/biot-emulator';
import type { PluginDefinition } from '@biot-plugin/runtime';
import { loadPluginDefinition, type PluginPackage } from '@biot-plugin/workspace';
import { UsageError } from '../errors.js';
import { type PluginBuild, pluginEntry } from '../handler/plugin-entry.js';
import { type DevServer, type InvocationRecord, startDevServer } from '../server/dev-server.js';
import { type DevServerLog, stderrLog } from '../server/dev-server-log.js';
import type { ServiceUserCredentials } from './biot-credentials.js';
import { pluginEnv } from './plugin-env.js';

export interface LocalStackOptions {
  /** The plugins to serve (`findPlugins`, `selectPlugins`): each gets a dev server of its own. */
  plugins: readonly PluginPackage[];
  /** Default `source`. */
  build?: PluginBuild;
  /** The first plugin's port; each next plugin takes the next port. Default 0: free ones. */
  port?: number;
  /** The emulator's port; default 0, a free one. */
  emulatorPort?: number;
  timeoutMs?: number;
  /** POWERTOOLS_LOG_LEVEL for the runtime; default INFO. */
  logLevel?: string;
  /** Reload a plugin's handler when its source, the runtime's or its bundle changes. Default false. */
  watch?: boolean;
  /** A real BioT environment instead of the emulator; the credentials are one plugin's. */
  biot?: { url: string; credentials: ServiceUserCredentials };
  log?: DevServerLog;
  onInvocation?: (plugin: string, record: InvocationRecord) => void;
}

/** One plugin running on this machine. */
export interface LocalPlugin {
  readonly name: string;
  readonly pkg: PluginPackage;
  readonly definition: PluginDefinition;
  /** Its own local Function URL. */
  readonly devServer: DevServer;
  /** The service user it logs in to BioT as. */
  readonly serviceUserId: string;
  /** The module its dev server imports: its `src/handler.ts` or its bundle. */
  readonly handlerModule: string;
}

/** The plugins running on this machine, and the one BioT they all talk to. */
export interface LocalStack {
  readonly plugins: readonly LocalPlugin[];
  /** The BioT stand-in; undefined against a real BioT. */
  readonly emulator: BiotEmulator | undefined;
  /** What each plugin's runtime has as BIOT_BASE_URL. */
  readonly biotUrl: string;
  readonly build: PluginBuild;
  close(): Promise<void>;
}

/**
 * Starts the plugins the way BioT would reach them: one emulator (unless a real BioT is given),
 * a service user of its own for each plugin in it, as a BioT admin would create one per plugin,
 * and per plugin a dev server serving its handler with the environment a deployment would give it.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? stderrLog;
  const build = options.build ?? 'source';
  if (options.biot !== undefined && options.plugins.length !== 1) {
    throw new UsageError(
      `--biot-url serves one plugin, with the service user in the environment; name it with --plugin (one of ${options.plugins.map((pkg) => pkg.name).join(', ')})`,
    );
  }
  // Every definition first: a plugin that does not load stops the start before anything listens.
  const definitions = await Promise.all(options.plugins.map((pkg) => loadPluginDefinition(pkg)));
  const { emulator, biotUrl, serviceUser } = await connectBiot(options);
  const plugins: LocalPlugin[] = [];
  const close = async () => {
    for (const plugin of plugins) await plugin.devServer.close();
    await emulator?.close();
  };
  try {
    for (const [index, pkg] of options.plugins.entries()) {
      const credentials = serviceUser(pkg);
      const pluginLog = namedLog(log, pkg.name);
      const entry = await pluginEntry(pkg, build, pluginLog);
      const devServer = await startDevServer({
        handlerModule: entry.module,
        env: pluginEnv({
          biotUrl,
          serviceUserId: credentials.id,
          serviceUserSecretKey: credentials.secretKey,
          logLevel: options.logLevel ?? 'INFO',
          emulated: emulator !== undefined,
        }),
        ...(options.watch ? { watch: entry.watchDirs } : {}),
        ...(options.port === undefined || options.port === 0 ? {} : { port: options.port + index }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(options.onInvocation === undefined
          ? {}
          : { onInvocation: (record: InvocationRecord) => options.onInvocation?.(pkg.name, record) }),
        log: pluginLog,
      });
      plugins.push({
        name: pkg.name,
        pkg,
        definition: definitions[index] as PluginDefinition,
        devServer,
        serviceUserId: credentials.id,
        handlerModule: entry.module,
      });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { plugins, emulator, biotUrl, build, close };
}

/** A fresh emulator, whose admin creates a service user per plugin; or the real BioT given. */
async function connectBiot(options: LocalStackOptions) {
  if (options.biot !== undefined) {
    const { url, credentials } = options.biot;
    return { emulator: undefined, biotUrl: url, serviceUser: (_pkg: PluginPackage) => credentials };
  }
  const emulator = await startBiotEmulator({ port: options.emulatorPort ?? 0 });
  return {
    emulator,
    biotUrl: emulator.url,
    serviceUser: (pkg: PluginPackage): ServiceUserCredentials =>
      emulator.addServiceUser({ id: randomUUID(), name: `${pkg.name} (local)` }),
  };
}

/** The dev server's lines for one plugin, named after it: several plugins share one stderr. */
function namedLog(log: DevServerLog, name: string): DevServerLog {
  return {
    info: (message) => log.info(`${name}: ${message}`),
    warn: (message) => log.warn(`${name}: ${message}`),
    error: (message, error) => log.error(`${name}: ${message}`, error),
  };
}
