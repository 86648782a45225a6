import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// `node:fs` through `require`: importing it as ESM loads fs/promises and readline for its facade,
// which the bundle under test would then find loaded already and not be charged for.
const { readFileSync } = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');

/**
 * What runs inside a probe: a fresh `node` process that imports one bundle, does one kind of
 * measurement and sends its findings to the bench over the IPC channel. Probes import nothing
 * but Node and this folder, so the process holds the bundle under test and little else.
 */

/** A Function URL (payload 2.0) event, as `JSON.parse` gives it back. */
export type FunctionUrlEvent = Record<string, unknown>;

export interface FunctionUrlResult {
  statusCode: number;
  body?: string;
}

export type Handler = (event: FunctionUrlEvent, context: LambdaContext) => Promise<FunctionUrlResult>;

export interface LambdaContext {
  getRemainingTimeInMillis(): number;
  awsRequestId: string;
}

/** BioT's default plugin timeout (BIOT-CONTRACT.md §8.2); a constant budget, as each invocation gets afresh. */
export const lambdaContext: LambdaContext = { getRemainingTimeInMillis: () => 3_000, awsRequestId: 'bench' };

/** The probe's input: the JSON file the bench wrote, named by the first argument. */
export function readInput<T>(): T {
  const path = process.argv[2];
  if (path === undefined) throw new Error('usage: node <probe>.mjs <input.json>');
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Imports the bundle the way Lambda's Node runtime does: a plain ESM import of index.mjs. */
export async function importHandler(bundle: string): Promise<Handler> {
  const module = (await import(pathToFileURL(bundle).href)) as { handler?: unknown };
  if (typeof module.handler !== 'function') throw new Error(`${bundle} exports no handler`);
  return module.handler as Handler;
}

/**
 * The body with a key BioT does not send (`benchSequence`) put in front, so that no two
 * invocations get the same event. The runtime runs a notification it has already seen (same
 * token, same body) only once (packages/runtime/src/replay), and BioT's own events always differ,
 * in their times at least; a reused event would measure the replay check, not the hook. The
 * runtime keeps unknown keys and ignores them. A body that is not a JSON object is left alone.
 */
export function freshBody(body: string, sequence: number): string {
  if (!body.startsWith('{')) return body;
  const rest = body.slice(1);
  return `{"benchSequence":${sequence}${rest.trimStart().startsWith('}') ? '' : ','}${rest}`;
}

/** The event with a fresh body (see freshBody); made before any timed section. */
export function freshEvent(event: FunctionUrlEvent, sequence: number): FunctionUrlEvent {
  const { body } = event;
  if (typeof body !== 'string' || event.isBase64Encoded === true) return event;
  return { ...event, body: freshBody(body, sequence) };
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Sends one message to the bench; `finish` also ends the process once it is delivered. */
export function report(message: unknown, options: { finish?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.send === undefined) {
      reject(new Error('a probe must be started with an IPC channel'));
      return;
    }
    process.send(message, (error: Error | null) => {
      if (error) reject(error);
      else if (options.finish) process.exit(0);
      else resolve();
    });
  });
}

/** The emulator's request counts per route, through its admin API (never counted itself). */
export async function emulatorRouteCounts(emulatorUrl: string): Promise<Record<string, number>> {
  const answer = await fetch(`${emulatorUrl}/_emulator/stats`);
  const stats = (await answer.json()) as { byRoute: Record<string, number> };
  return stats.byRoute;
}

export function difference(
  after: Record<string, number>,
  before: Record<string, number>,
): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [route, count] of Object.entries(after)) {
    const calls = count - (before[route] ?? 0);
    if (calls !== 0) delta[route] = calls;
  }
  return delta;
}
