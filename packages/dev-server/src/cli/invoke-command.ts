import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startBiotEmulator } from '@biot-plugin/biot-emulator';
import { HOOK_NAMES, HOOK_TYPES } from '@biot-plugin/runtime';
import { findPlugins, loadPluginDefinition, type PluginPackage, pluginPackage } from '@biot-plugin/workspace';
import { EndpointError, NoDevSessionError, UsageError } from '../errors.js';
import { eventTypeOf, type HookEvent, hookEvent } from '../events/hook-events.js';
import { answerOfDirectInvocation } from '../events/send-call.js';
import { DIRECT_INVOCATION_PATH } from '../invoke-api/invoke-api.js';
import { type DevSession, readDevSession } from '../local/dev-session.js';
import type { CommandIo } from './command-io.js';
import { parseCommandLine, urlOption } from './command-line.js';
import { parseHookName } from './hook-name.js';
import { pluginOption } from './plugin-option.js';
import { reportFailure } from './report-failure.js';

export const INVOKE_USAGE = `Usage: pnpm invoke [--plugin <name>] <hook> [options]

Sends one call to a plugin's hook, built and signed as BioT would, to the plugin's dev server
(pnpm start -- --serve), and prints the answer. The call is the one pnpm start sends for the
hook's first subscription in the plugin's definition. Exits 0 for a 2xx answer, 1 otherwise.

Hooks: ${HOOK_NAMES.join(', ')}

Options:
  --plugin <name>        the plugin; may be left out when only one is served
  --file <path>          the body, JSON, instead of the plugin's call; a notification body
                         without "jwt" gets the token added
  --url <url>            the plugin's URL (default: the running dev session's)
  --emulator-url <url>   the emulator that signs the token (default: the running dev session's)
  --token <jwt>          send this token instead of minting one (needed against a real BioT)
  --plugins-dir <dir>    where the plugin's definition is, for --url without a session
                         (default packages/plugins)
  -h, --help             show this`;

const OPTIONS = {
  plugin: { type: 'string' },
  file: { type: 'string' },
  url: { type: 'string' },
  'emulator-url': { type: 'string' },
  token: { type: 'string' },
  'plugins-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** How long a token minted for one invocation stays valid. */
const TOKEN_LIFETIME_SECONDS = 3600;

/** `pnpm invoke`: resolves to the exit code. */
export async function runInvoke(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    const line = parseCommandLine(argv, OPTIONS);
    if (line.flag('help')) {
      io.out(INVOKE_USAGE);
      return 0;
    }
    if (line.positionals.length > 1) throw new UsageError(`Unexpected argument "${line.positionals[1]}"`);
    const hook = parseHookName(line.positionals[0]);
    const file = line.text('file');
    const fileBody = file === undefined ? undefined : await readBodyFile(file);
    const session = await readDevSession(io.sessionFile);
    const target = invokeTarget(session, {
      requested: line.text('plugin'),
      url: urlOption('url', line.text('url')),
      pluginsDir: line.text('plugins-dir'),
    });
    const definition = await loadPluginDefinition(target.pkg);
    // The emulator's event builder is the one description of what BioT sends; a short-lived
    // emulator of our own runs it (its entities are the running one's seeds).
    const builder = await startBiotEmulator();
    let event: HookEvent;
    let answer: Answer;
    try {
      const call = await hookEvent(definition, hook, builder);
      event = fileBody === undefined ? call : { ...call, body: fileBody as Record<string, unknown> };
      if (event.delivery === 'direct') {
        answer = await post(`${target.url}${DIRECT_INVOCATION_PATH}`, {
          headers: { 'content-type': 'application/json' },
          body: typeof event.body === 'string' ? event.body : JSON.stringify(event.body),
        });
      } else {
        const token =
          line.text('token') ??
          (await mintToken(
            event.scopes,
            urlOption('emulator-url', line.text('emulator-url')) ?? session?.emulatorUrl,
            session?.biotUrl,
          ));
        answer = await post(
          target.url,
          await builder.buildEvent(eventTypeOf(hook), { token, body: event.body }),
        );
      }
    } finally {
      await builder.close();
    }
    io.out(renderAnswer(event, target, answer));
    return answeredWell(event, answer) ? 0 : 1;
  } catch (error) {
    return reportFailure(error, io, INVOKE_USAGE);
  }
}

/** Where the call goes: a plugin of the running session, or one of the repository's at `--url`. */
interface InvokeTarget {
  pkg: PluginPackage;
  url: string;
}

function invokeTarget(
  session: DevSession | undefined,
  { requested, url, pluginsDir }: { requested?: string; url?: string; pluginsDir?: string },
): InvokeTarget {
  if (session !== undefined) {
    const served = session.plugins.map((plugin) => pluginPackage(plugin.dir, plugin.name));
    const [pkg] = pluginOption(served, requested, { exactlyOne: true }) as [PluginPackage];
    const servedUrl = session.plugins.find((plugin) => plugin.name === pkg.name)?.url as string;
    return { pkg, url: url ?? servedUrl };
  }
  if (url === undefined) {
    throw new NoDevSessionError(
      'No dev server is running. Start one with `pnpm start -- --serve`, or pass --url.',
    );
  }
  const plugins = findPlugins(pluginsDir === undefined ? undefined : resolve(pluginsDir));
  const [pkg] = pluginOption(plugins, requested, { exactlyOne: true }) as [PluginPackage];
  return { pkg, url };
}

async function readBodyFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read --file ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Sent as it is: useful to see how the plugin answers a body that is not JSON.
    return text;
  }
}

/** A token from the emulator's admin API, with the scopes BioT gives this call (BIOT-CONTRACT.md §3). */
async function mintToken(
  scopes: readonly string[],
  emulatorUrl: string | undefined,
  biotUrl: string | undefined,
): Promise<string> {
  if (emulatorUrl === undefined) {
    throw new NoDevSessionError(
      biotUrl === undefined
        ? 'No emulator to sign the token: start one with `pnpm start -- --serve`, or pass --emulator-url or --token.'
        : `The dev server talks to a real BioT (${biotUrl}); only BioT can sign its tokens. Pass one with --token.`,
    );
  }
  let response: Response;
  try {
    response = await fetch(`${emulatorUrl}/_emulator/event-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scopes, expiresInSeconds: TOKEN_LIFETIME_SECONDS }),
    });
  } catch (error) {
    throw new EndpointError(`The emulator at ${emulatorUrl} does not answer (${causeOf(error)}).`);
  }
  const answer = (await response.json().catch(() => undefined)) as { token?: unknown } | undefined;
  if (!response.ok || typeof answer?.token !== 'string') {
    throw new EndpointError(`The emulator at ${emulatorUrl} did not sign a token (HTTP ${response.status}).`);
  }
  return answer.token;
}

interface Answer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
  ms: number;
}

async function post(url: string, event: { headers: Record<string, string>; body: string }): Promise<Answer> {
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: event.headers, body: event.body });
  } catch (error) {
    throw new EndpointError(
      `No dev server answers at ${url} (${causeOf(error)}). Start one with \`pnpm start -- --serve\`.`,
    );
  }
  const body = await response.text();
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    body,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * 2xx through the URL; for a direct invocation, no function error and a 2xx `statusCode` in the
 * result (the Invoke API itself answers 200 either way).
 */
function answeredWell(event: HookEvent, answer: Answer): boolean {
  if (event.delivery === 'function-url') return answer.status >= 200 && answer.status < 300;
  const headers = Object.fromEntries(answer.headers);
  const read = answerOfDirectInvocation(answer.status, headers, answer.body, answer.ms);
  return read.status >= 200 && read.status < 300;
}

function renderAnswer(event: HookEvent, target: InvokeTarget, answer: Answer): string {
  const how =
    event.delivery === 'direct'
      ? 'invoked directly, as its schedule runs it'
      : (HOOK_TYPES[event.hook].hooktype ?? 'no hooktype');
  return [
    `${event.hook} (${how}) → ${target.pkg.name} at ${target.url}`,
    `HTTP ${answer.status} ${answer.statusText} (${answer.ms} ms)`,
    ...answer.headers.map(([name, value]) => `${name}: ${value}`),
    '',
    prettyBody(answer.body),
  ].join('\n');
}

function prettyBody(body: string): string {
  if (body === '') return '(no body)';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
