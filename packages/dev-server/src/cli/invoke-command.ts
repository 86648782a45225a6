import { readFile } from 'node:fs/promises';
import {
  type EventType,
  INTERCEPTOR_SCOPES,
  NOTIFICATION_SCOPES,
  startBiotEmulator,
} from '@biot-plugin/biot-emulator';
import { EndpointError, NoDevSessionError, UsageError } from '../errors.js';
import { readDevSession } from '../local/dev-session.js';
import type { CommandIo } from './command-io.js';
import { parseCommandLine, urlOption } from './command-line.js';
import { EVENT_TYPE_NAMES, parseEventTypeName } from './event-type-name.js';
import { reportFailure } from './report-failure.js';

export const INVOKE_USAGE = `Usage: pnpm invoke <type> [options]

Sends one event, built and signed as BioT would, to a running dev server (pnpm start -- --serve)
and prints the answer. Exits 0 for a 2xx answer, 1 otherwise.

Types: ${EVENT_TYPE_NAMES.join(', ')}
       (BioT's names work too: NOTIFICATION, INTERCEPTOR_PRE, INTERCEPTOR_POST,
       INTERCEPTOR_POST_ENTITY, NONSPECIFIC)

Options:
  --file <path>          the event body, JSON, instead of BioT's default for the type; a
                         notification body without "jwt" gets the token added
  --url <url>            the plugin URL (default: the running dev session's)
  --emulator-url <url>   the emulator that signs the token (default: the running dev session's)
  --token <jwt>          send this token instead of minting one (needed against a real BioT)
  -h, --help             show this`;

const OPTIONS = {
  file: { type: 'string' },
  url: { type: 'string' },
  'emulator-url': { type: 'string' },
  token: { type: 'string' },
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
    const type = parseEventTypeName(line.positionals[0]);
    const file = line.text('file');
    const body = file === undefined ? undefined : await readBodyFile(file);
    const session = await readDevSession(io.sessionFile);
    const pluginUrl = urlOption('url', line.text('url')) ?? session?.pluginUrl;
    if (pluginUrl === undefined) {
      throw new NoDevSessionError(
        'No dev server is running. Start one with `pnpm start -- --serve`, or pass --url.',
      );
    }
    const token =
      line.text('token') ??
      (await mintToken(
        type,
        urlOption('emulator-url', line.text('emulator-url')) ?? session?.emulatorUrl,
        session?.biotUrl,
      ));

    const event = await buildBiotEvent(type, token, body);
    const answer = await post(pluginUrl, event);
    io.out(renderAnswer(type, pluginUrl, answer));
    return answer.status >= 200 && answer.status < 300 ? 0 : 1;
  } catch (error) {
    return reportFailure(error, io, INVOKE_USAGE);
  }
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

/** A token from the emulator's admin API, with the scopes BioT gives this event type (contract §3). */
async function mintToken(
  type: EventType,
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
  const scopes = type === 'NOTIFICATION' || type === 'NONSPECIFIC' ? NOTIFICATION_SCOPES : INTERCEPTOR_SCOPES;
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

/**
 * The headers and body BioT would send. The emulator's event builder is the one description of
 * them; a short-lived emulator of our own runs it, with the token from the running one.
 */
async function buildBiotEvent(type: EventType, token: string, body: unknown) {
  const builder = await startBiotEmulator();
  try {
    return await builder.buildEvent(type, { token, ...(body === undefined ? {} : { body }) });
  } finally {
    await builder.close();
  }
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

function renderAnswer(type: EventType, url: string, answer: Answer): string {
  return [
    `${type} → ${url}`,
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
