import { randomBytes } from 'node:crypto';
import { type BiotEmulator, NOTIFICATION_SCOPES } from '@biot-plugin/biot-emulator';
import { type LocalStackOptions, type RuntimeBuild, startLocalStack } from '../local/local-stack.js';
import { callsOfTrace } from './biot-calls.js';
import { DEMO_EVENTS, type DemoEvent } from './demo-events.js';
import { describeOutcome } from './describe-outcome.js';
import { forgeEventToken } from './forged-token.js';

/** One row of `pnpm start`'s table. */
export interface DemoRow {
  event: string;
  status: number;
  ms: number;
  /** What the hook did, from its answer and the BioT calls it made. */
  result: string;
  pass: boolean;
  /** What BioT needs back; shown for a failed row. */
  expected: string;
  /** The BioT routes the event caused, e.g. `GET /organization/v1/users/patients/{id}`. */
  biotRoutes: string[];
}

export interface DemoReport {
  rows: DemoRow[];
  passed: boolean;
  /** From starting the emulator to the last answer. */
  ms: number;
  build: RuntimeBuild;
  pluginUrl: string;
  emulatorUrl: string;
}

export type LocalDemoOptions = Pick<LocalStackOptions, 'build' | 'timeoutMs' | 'logLevel' | 'log'>;

/**
 * `pnpm start`: the emulator and the dev server on free ports, one event of each type through
 * real HTTP (emulator → dev server → runtime → emulator), and a row per event saying whether the
 * answer is what BioT needs. Everything is stopped before it resolves.
 */
export async function runLocalDemo(options: LocalDemoOptions = {}): Promise<DemoReport> {
  const started = performance.now();
  // Generating the attacker's RSA key takes a moment; do it while everything starts.
  const forgedToken = forgeEventToken(NOTIFICATION_SCOPES);
  const stack = await startLocalStack({ logLevel: 'ERROR', ...options });
  try {
    const emulator = stack.emulator as BiotEmulator;
    const rows: DemoRow[] = [];
    for (const event of DEMO_EVENTS) {
      rows.push(await sendDemoEvent(emulator, stack.devServer.url, event, forgedToken));
    }
    return {
      rows,
      passed: rows.every((row) => row.pass),
      ms: Math.round(performance.now() - started),
      build: stack.build,
      pluginUrl: stack.devServer.url,
      emulatorUrl: emulator.url,
    };
  } finally {
    await stack.close();
  }
}

async function sendDemoEvent(
  emulator: BiotEmulator,
  pluginUrl: string,
  event: DemoEvent,
  forgedToken: Promise<string>,
): Promise<DemoRow> {
  const defaultBody = JSON.parse((await emulator.buildEvent(event.type)).body) as Record<string, unknown>;
  const body = event.adjustBody?.(defaultBody) ?? defaultBody;
  const token = event.forged ? await forgedToken : undefined;
  // A notification carries its token in the body (contract §1.2).
  if (token !== undefined && event.type === 'NOTIFICATION') body.jwt = token;
  const traceparent = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
  const answer = await emulator.sendEvent(pluginUrl, event.type, {
    body,
    traceparent,
    ...(token === undefined ? {} : { token }),
  });
  const calls = callsOfTrace(emulator.requests, traceparent);
  return {
    event: event.name,
    status: answer.status,
    ms: Math.round(answer.ms),
    result: describeOutcome(event.type, body, answer, calls),
    pass: event.accepts(answer),
    expected: event.expected,
    biotRoutes: calls.routes,
  };
}
