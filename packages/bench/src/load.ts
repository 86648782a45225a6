/**
 * `pnpm load`: autocannon against the dev server serving the one-call plugin's production bundle
 * (src/plugins/one-call, bundled as every plugin is), with a mix of
 * valid BioT events, bounded in count and time, on loopback. Prints a table (metric | value |
 * target | PASS/FAIL), writes `packages/bench/results/load-latest.json`, exits 1 on a FAIL.
 */
import { relative } from 'node:path';
import { EVENT_TYPES, startBiotEmulator } from '@biot-plugin/biot-emulator';
import { buildBenchBundle } from './build/bench-bundles.js';
import { shouldRun } from './command-line.js';
import { type DevServerChild, startDevServerChild } from './load/dev-server-child.js';
import type { DevServerMemory } from './load/dev-server-messages.js';
import { mixedRequests } from './load/mixed-requests.js';
import { runAutocannon } from './load/run-autocannon.js';
import { LOGIN_ROUTE, PUBLIC_KEY_ROUTE } from './measure/biot-routes.js';
import { PATHS } from './paths.js';
import { BENCH_SERVICE_USER, pluginEnv } from './plugin-env.js';
import { busyMachineWarning, describeMachine, machineInfo, startConditions } from './report/machine.js';
import { allPass, type Measurement } from './report/measurement.js';
import { resultsFile, writeResultsFile } from './report/results-file.js';
import { renderTable } from './report/table.js';

// `--help` (or a wrong option) must answer at once, not after minutes of measurement.
if (!shouldRun('load')) process.exit();

const SETTINGS = {
  connections: 50,
  warmupRequests: 5_000,
  requests: 20_000,
  maxSeconds: 60,
  eventsPerType: 10,
  settleMs: 1_000,
  logLevel: 'WARN',
} as const;

const start = await startConditions();
const started = performance.now();
const progress = (message: string) => process.stderr.write(`[load] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MiB = 2 ** 20;

const bundle = await buildBenchBundle('one-call');
progress(`built ${relative(PATHS.repoRoot, bundle.file)}`);
const emulator = await startBiotEmulator({ serviceUsers: [{ ...BENCH_SERVICE_USER }] });
const measurements: Measurement[] = [];
let devServer: DevServerChild | undefined;
try {
  devServer = await startDevServerChild({
    handlerModule: bundle.file,
    env: pluginEnv(emulator.url, SETTINGS.logLevel),
  });
  const requests = await mixedRequests(emulator, EVENT_TYPES, SETTINGS.eventsPerType);
  const bounds = { url: devServer.url, requests, connections: SETTINGS.connections };

  progress(`warm-up: ${SETTINGS.warmupRequests} requests at ${SETTINGS.connections} connections`);
  const warmup = await runAutocannon({ ...bounds, amount: SETTINGS.warmupRequests, maxSeconds: 30 });
  await sleep(SETTINGS.settleMs);
  const afterWarmup = await devServer.memory();

  progress(
    `run: ${SETTINGS.requests} requests at ${SETTINGS.connections} connections, at most ${SETTINGS.maxSeconds} s`,
  );
  const before = emulator.stats().byRoute;
  const run = await runAutocannon({ ...bounds, amount: SETTINGS.requests, maxSeconds: SETTINGS.maxSeconds });
  const after = emulator.stats().byRoute;
  await sleep(SETTINGS.settleMs);
  const afterRun = await devServer.memory();
  const peakRssMiB = await devServer.stop();

  const calls = (route: string) => (after[route] ?? 0) - (before[route] ?? 0);
  const biotCalls = Object.keys(after).reduce((sum, route) => sum + calls(route), 0);
  const rssChange = ((afterRun.rss - afterWarmup.rss) / afterWarmup.rss) * 100;
  measurements.push(
    {
      id: 'load.completed',
      metric: `requests answered (mixed: ${EVENT_TYPES.length} event types)`,
      value: run.completed,
      unit: 'count',
      target: { op: '=', limit: SETTINGS.requests },
      details: run.statusCodes,
    },
    {
      id: 'load.durationSeconds',
      metric: `duration at ${SETTINGS.connections} connections`,
      value: run.durationSeconds,
      unit: 's',
      target: { op: '<=', limit: SETTINGS.maxSeconds },
    },
    { id: 'load.requestsPerSecond', metric: 'throughput', value: run.requestsPerSecond, unit: 'requests/s' },
    { id: 'load.latency.p50', metric: 'latency p50', value: run.latency.p50, unit: 'ms' },
    { id: 'load.latency.p90', metric: 'latency p90', value: run.latency.p90, unit: 'ms' },
    { id: 'load.latency.p99', metric: 'latency p99', value: run.latency.p99, unit: 'ms' },
    { id: 'load.latency.max', metric: 'latency max', value: run.latency.max, unit: 'ms' },
    {
      id: 'load.non2xx',
      metric: 'non-2xx answers (valid events)',
      value: run.non2xx + warmup.non2xx,
      unit: 'count',
      target: { op: '=', limit: 0 },
      details: afterRun.answered,
    },
    {
      id: 'load.errors',
      metric: 'connection errors and timeouts',
      value: run.errors + run.timeouts + warmup.errors + warmup.timeouts,
      unit: 'count',
      target: { op: '=', limit: 0 },
    },
    {
      id: 'load.biotCallsPerRequest',
      metric: 'BioT calls per request (notification GET, non-specific search)',
      value: biotCalls / run.completed,
      unit: 'calls/invocation',
    },
    {
      id: 'load.keyFetchesAndLogins',
      metric: 'key fetches + logins during the run (warm)',
      value: calls(PUBLIC_KEY_ROUTE) + calls(LOGIN_ROUTE),
      unit: 'count',
      target: { op: '=', limit: 0 },
    },
    {
      id: 'load.rssAfterWarmupMiB',
      metric: `dev server RSS after warm-up (${SETTINGS.warmupRequests} requests)`,
      value: afterWarmup.rss / MiB,
      unit: 'MiB',
      details: heapDetails(afterWarmup),
    },
    {
      id: 'load.rssAfterRunMiB',
      metric: `dev server RSS after the run (${SETTINGS.requests} requests)`,
      value: afterRun.rss / MiB,
      unit: 'MiB',
      details: heapDetails(afterRun),
    },
    {
      id: 'load.rssChangePercent',
      metric: 'dev server RSS change, warm-up → after the run',
      value: rssChange,
      unit: 'percent',
      target: { op: 'within', limit: 20 },
    },
    {
      id: 'load.heapUsedMiB',
      metric: `dev server heap in use after the run (after warm-up: ${(afterWarmup.heapUsed / MiB).toFixed(1)} MiB)`,
      value: afterRun.heapUsed / MiB,
      unit: 'MiB',
    },
    { id: 'load.peakRssMiB', metric: 'dev server peak RSS', value: peakRssMiB, unit: 'MiB' },
  );
} finally {
  devServer?.kill();
  await emulator.close();
}

function heapDetails(memory: DevServerMemory): Record<string, number> {
  return {
    heapTotalMiB: memory.heapTotal / MiB,
    heapUsedMiB: memory.heapUsed / MiB,
    externalMiB: memory.external / MiB,
  };
}

const machine = await machineInfo(start);
const durationSeconds = Math.round((performance.now() - started) / 100) / 10;
const results = resultsFile(
  { command: 'pnpm load', date: new Date().toISOString(), machine, durationSeconds, settings: SETTINGS },
  measurements,
);
await writeResultsFile(PATHS.loadResults, results);
console.log(renderTable(measurements));
console.log(
  `\n${describeMachine(machine)}; dev server serving ${relative(PATHS.repoRoot, bundle.file)} at POWERTOOLS_LOG_LEVEL=${SETTINGS.logLevel}; ${durationSeconds} s`,
);
const busy = busyMachineWarning(machine);
if (busy) console.log(busy);
console.log(`wrote ${relative(PATHS.repoRoot, PATHS.loadResults)}`);
const passed = allPass(measurements);
console.log(passed ? 'PASS: every target met' : 'FAIL: see the lines marked FAIL');
process.exitCode = passed ? 0 : 1;
