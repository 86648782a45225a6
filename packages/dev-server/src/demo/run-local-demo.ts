import { type BiotEmulator, NOTIFICATION_SCOPES } from '@biot-plugin/biot-emulator';
import type { HookName } from '@biot-plugin/runtime';
import {
  type BiotExpectation,
  biotExpectation,
  FORGED_TOKEN_EXPECTATION,
} from '../events/biot-expectation.js';
import { type HookEvent, hookEvent, pluginEvents } from '../events/hook-events.js';
import { sendCall } from '../events/send-call.js';
import type { PluginBuild } from '../handler/plugin-entry.js';
import { type LocalPlugin, type LocalStackOptions, startLocalStack } from '../local/local-stack.js';
import type { EmfDocument } from '../metrics/emf-document.js';
import { callsOfTrace } from './biot-calls.js';
import { describeOutcome } from './describe-outcome.js';
import { forgeEventToken } from './forged-token.js';

/** One row of `pnpm start`'s table: one call to one plugin. */
export interface DemoRow {
  plugin: string;
  /** The call, e.g. `notification device _create`, `forged token`. */
  event: string;
  hook: HookName;
  status: number;
  ms: number;
  /** What the hook did, from its answer and the BioT calls it made. */
  result: string;
  pass: boolean;
  /** What BioT needs back; shown for a failed row. */
  expected: string;
  /** The BioT routes the call caused, e.g. `GET /organization/v1/users/patients/{id}`. */
  biotRoutes: string[];
  /** The CloudWatch metrics (EMF documents) the runtime wrote for the call. */
  metrics: EmfDocument[];
}

export interface DemoReport {
  rows: DemoRow[];
  passed: boolean;
  /** From starting the emulator to the last answer. */
  ms: number;
  build: PluginBuild;
  plugins: { name: string; url: string }[];
  emulatorUrl: string;
}

export type LocalDemoOptions = Pick<
  LocalStackOptions,
  'plugins' | 'build' | 'timeoutMs' | 'logLevel' | 'log'
>;

/**
 * `pnpm start`: one emulator, each plugin behind its own dev server, and through real HTTP
 * (emulator → dev server → runtime → emulator) every call the plugin's definition makes BioT send,
 * plus one with a forged token. A row per call says whether the answer is what BioT needs.
 * Everything is stopped before it resolves.
 */
export async function runLocalDemo(options: LocalDemoOptions): Promise<DemoReport> {
  const started = performance.now();
  // The attacker's RSA key takes a moment to make; have it made while everything starts.
  void forgeEventToken(NOTIFICATION_SCOPES).catch(() => undefined);
  const emitted: EmfDocument[] = [];
  const stack = await startLocalStack({
    logLevel: 'ERROR',
    ...options,
    onInvocation: (_plugin, record) => emitted.push(...record.metrics),
  });
  try {
    const emulator = stack.emulator as BiotEmulator;
    const rows: DemoRow[] = [];
    for (const plugin of stack.plugins) rows.push(...(await exercisePlugin(emulator, plugin, emitted)));
    return {
      rows,
      passed: rows.every((row) => row.pass),
      ms: Math.round(performance.now() - started),
      build: stack.build,
      plugins: stack.plugins.map((plugin) => ({ name: plugin.name, url: plugin.devServer.url })),
      emulatorUrl: emulator.url,
    };
  } finally {
    await stack.close();
  }
}

/** The plugin's calls one after another, then its first BioT call again with a forged token. */
async function exercisePlugin(
  emulator: BiotEmulator,
  plugin: LocalPlugin,
  emitted: readonly EmfDocument[],
): Promise<DemoRow[]> {
  const events = await pluginEvents(plugin.definition, emulator);
  const rows: DemoRow[] = [];
  for (const event of events) {
    rows.push(await row(emulator, plugin, emitted, event, biotExpectation(event.hook)));
  }
  // A plugin BioT calls for nothing still has a URL anyone can post a notification to.
  const first =
    events.find((event) => event.delivery === 'function-url') ??
    (await hookEvent(plugin.definition, 'notification', emulator));
  const forged = await forgeEventToken(first.scopes);
  rows.push(
    await row(
      emulator,
      plugin,
      emitted,
      { ...first, name: 'forged token' },
      FORGED_TOKEN_EXPECTATION,
      forged,
    ),
  );
  return rows;
}

async function row(
  emulator: BiotEmulator,
  plugin: LocalPlugin,
  emitted: readonly EmfDocument[],
  event: HookEvent,
  expectation: BiotExpectation,
  token?: string,
): Promise<DemoRow> {
  const { answer, traceparent } = await sendCall(emulator, plugin.devServer.url, event, {
    ...(token === undefined ? {} : { token }),
  });
  const calls = callsOfTrace(emulator.requests, traceparent);
  return {
    plugin: plugin.name,
    event: event.name,
    hook: event.hook,
    status: answer.status,
    ms: Math.round(answer.ms),
    result: describeOutcome(event.hook, event.body, answer, calls),
    pass: expectation.accepts(answer),
    expected: expectation.expected,
    biotRoutes: calls.routes,
    // The dev server recorded the call before its answer reached us; the trace id names it.
    metrics: emitted.filter((document) => document.traceId === traceparent?.split('-')[1]),
  };
}
