import { resolve } from 'node:path';
import { ENV } from '@biot-plugin/core';
import { findPlugins } from '@biot-plugin/workspace';
import { renderDemoTable } from '../demo/demo-table.js';
import { runLocalDemo } from '../demo/run-local-demo.js';
import { UsageError } from '../errors.js';
import { DEFAULT_TIMEOUT_MS } from '../function-url/limits.js';
import type { PluginBuild } from '../handler/plugin-entry.js';
import { biotCredentialsFromEnv } from '../local/biot-credentials.js';
import { removeDevSession, writeDevSession } from '../local/dev-session.js';
import { type LocalStackOptions, startLocalStack } from '../local/local-stack.js';
import { summarizeMetrics } from '../metrics/emf-document.js';
import type { InvocationRecord } from '../server/dev-server.js';
import { lineLog } from '../server/dev-server-log.js';
import type { CommandIo } from './command-io.js';
import { integerOption, parseCommandLine, urlOption } from './command-line.js';
import { pluginOption } from './plugin-option.js';
import { reportFailure } from './report-failure.js';
import { serveBanner } from './serve-banner.js';

export const START_USAGE = `Usage: pnpm start [-- options]

Runs the repository's plugins on this machine: one BioT emulator, each plugin behind a local
Function URL of its own with a service user of its own, every call the plugin's definition
subscribes to (plus one with a forged token) sent through them, and a table of what happened.
Exits 0 when every answer is what BioT expects.

Options:
  --plugin <name>      only this plugin (default: every plugin in packages/plugins)
  --serve              keep the emulator and the dev servers running; prints each plugin's URL
                       and a ready-to-paste curl command (Ctrl-C stops)
  --port <n>           the first plugin's port, the next plugin's n+1, … (default: free ports)
  --emulator-port <n>  the emulator's port (default: a free one)
  --bundle             serve each plugin's production bundle (dist/index.mjs), built first when
                       missing or older than its source or the runtime's (default: the source)
  --timeout <ms>       the function timeout (default ${DEFAULT_TIMEOUT_MS}, BioT's default)
  --biot-url <url>     use a real BioT instead of the emulator, for one plugin (--plugin when
                       there are several); needs ${ENV.serviceUserId} and
                       ${ENV.serviceUserSecretKey} in the environment; implies --serve
  --plugins-dir <dir>  where the plugins are (default packages/plugins)
  --verbose            show the runtime's log lines (POWERTOOLS_LOG_LEVEL=INFO); an explicit
                       POWERTOOLS_LOG_LEVEL wins
  --metrics            show each call's metrics as the EMF documents the runtime wrote (what
                       CloudWatch receives), instead of one summary line per call
  -h, --help           show this`;

const OPTIONS = {
  plugin: { type: 'string' },
  serve: { type: 'boolean' },
  port: { type: 'string' },
  'emulator-port': { type: 'string' },
  bundle: { type: 'boolean' },
  timeout: { type: 'string' },
  'biot-url': { type: 'string' },
  'plugins-dir': { type: 'string' },
  verbose: { type: 'boolean' },
  metrics: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `pnpm start`: resolves to the exit code. */
export async function runStart(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    const line = parseCommandLine(argv, OPTIONS);
    if (line.flag('help')) {
      io.out(START_USAGE);
      return 0;
    }
    if (line.positionals.length > 0) throw new UsageError(`Unexpected argument "${line.positionals[0]}"`);
    const biotUrl = urlOption('biot-url', line.text('biot-url'));
    const serve = line.flag('serve') || biotUrl !== undefined;
    const build: PluginBuild = line.flag('bundle') ? 'bundle' : 'source';
    const port = integerOption('port', line.text('port'), 0, 65535);
    const emulatorPort = integerOption('emulator-port', line.text('emulator-port'), 0, 65535);
    const timeoutMs = integerOption('timeout', line.text('timeout'), 1, 900_000);
    const pluginsDir = line.text('plugins-dir');
    const plugins = pluginOption(
      findPlugins(pluginsDir === undefined ? undefined : resolve(pluginsDir)),
      line.text('plugin'),
      { exactlyOne: biotUrl !== undefined },
    );
    // The table run shows errors only, so log lines cannot crowd it out; a session shows INFO.
    const logLevel = io.env[ENV.logLevel] ?? (line.flag('verbose') || serve ? 'INFO' : 'ERROR');
    const log = lineLog(io.err);
    const stackOptions: LocalStackOptions = {
      plugins,
      build,
      logLevel,
      log,
      ...(port === undefined ? {} : { port }),
      ...(emulatorPort === undefined ? {} : { emulatorPort }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    };
    if (biotUrl !== undefined) {
      stackOptions.biot = { url: biotUrl, credentials: biotCredentialsFromEnv(io.env) };
    }
    const metrics = line.flag('metrics') ? 'full' : 'summary';
    return serve ? await serveUntilStopped(stackOptions, metrics, io) : await demo(stackOptions, metrics, io);
  } catch (error) {
    return reportFailure(error, io, START_USAGE);
  }
}

/** Exit code of a run stopped by Ctrl-C, as a shell reports SIGINT. */
const INTERRUPTED = 130;

type MetricsForm = 'summary' | 'full';

async function demo(options: LocalStackOptions, metrics: MetricsForm, io: CommandIo): Promise<number> {
  const report = await Promise.race([runLocalDemo(options), stopped(io.signal).then(() => undefined)]);
  if (report === undefined) return INTERRUPTED;
  io.out(renderDemoTable(report, { metrics }));
  return report.passed ? 0 : 1;
}

async function serveUntilStopped(
  options: LocalStackOptions,
  metrics: MetricsForm,
  io: CommandIo,
): Promise<number> {
  const stack = await startLocalStack({ ...options, watch: true, onInvocation: accessLine(io, metrics) });
  try {
    await writeDevSession(
      {
        plugins: stack.plugins.map((plugin) => ({
          name: plugin.name,
          url: plugin.devServer.url,
          dir: plugin.pkg.dir,
        })),
        ...(stack.emulator === undefined ? {} : { emulatorUrl: stack.emulator.url }),
        biotUrl: stack.biotUrl,
        build: stack.build,
        pid: process.pid,
        startedAt: new Date().toISOString(),
      },
      io.sessionFile,
    );
    io.out(await serveBanner(stack));
    await stopped(io.signal);
    io.err('[dev-server] stopping');
    return 0;
  } finally {
    await stack.close();
    await removeDevSession(io.sessionFile);
  }
}

/** Resolves on Ctrl-C; never without a signal. */
function stopped(signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/**
 * One stderr line per request, named after the plugin, so the runtime's JSON log lines keep
 * stdout; then the request's metrics: a summary line beside it, or with `--metrics` the EMF
 * documents on stdout, where Lambda's log stream has them.
 */
function accessLine(io: CommandIo, metrics: MetricsForm): (plugin: string, record: InvocationRecord) => void {
  return (plugin, record) => {
    const request =
      record.via === 'direct'
        ? 'invoked directly'
        : `${record.method} ${record.path} ${record.hookType ?? 'NONSPECIFIC'}`;
    const outcome = record.outcome === 'answered' ? '' : ` ${record.outcome}`;
    io.err(`[dev-server] ${plugin} ${request} → ${record.status} (${record.ms} ms)${outcome}`);
    if (record.metrics.length === 0) return;
    if (metrics === 'full') for (const document of record.metrics) io.out(JSON.stringify(document));
    else io.err(`[dev-server] ${plugin} metrics: ${summarizeMetrics(record.metrics)}`);
  };
}
