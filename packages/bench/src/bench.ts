/**
 * `pnpm bench`: bundles the bench's own plugins (src/plugins/) as every plugin is bundled and
 * measures them as deployed, against the targets of the performance issue. Prints a table (metric | value | target | PASS/FAIL), writes
 * `packages/bench/results/latest.json`, exits 1 if any line FAILs. See packages/bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { relative, resolve } from 'node:path';
import {
  type BiotEmulator,
  EVENT_TYPES,
  type EventType,
  startBiotEmulator,
} from '@biot-plugin/biot-emulator';
import { ENV, serializeServiceSecret } from '@biot-plugin/core';
import { type BenchBundle, buildBenchBundle, stageBaseline } from './build/bench-bundles.js';
import { zipSizeOf } from './build/plugin-zip.js';
import { buildProbes } from './build/probes.js';
import { benchOptions } from './command-line.js';
import { eventPool } from './events/event-pool.js';
import { measureBundleSize } from './measure/bundle-size.js';
import { measureColdBurst } from './measure/cold-burst.js';
import {
  type ColdBundle,
  type ColdMode,
  LAMBDA_ENV,
  measureColdStart,
  type NodeRuntime,
  notMeasured,
  profileColdStart,
  renderColdSideBySide,
} from './measure/cold-start.js';
import { measureSoak } from './measure/soak.js';
import {
  biotCallMeasurements,
  latencyMeasurements,
  peakRssMeasurement,
  runWarm,
} from './measure/warm-latency.js';
import { PATHS } from './paths.js';
import { BENCH_SERVICE_USER, pluginEnv } from './plugin-env.js';
import type { FunctionUrlEvent } from './probes/probe-support.js';
import { busyMachineWarning, describeMachine, machineInfo, startConditions } from './report/machine.js';
import { allPass, type Measurement } from './report/measurement.js';
import { resultsFile, writeResultsFile } from './report/results-file.js';
import { renderTable } from './report/table.js';
import { type MotoStart, startMotoServer } from './secrets/moto-server.js';

// `--help` (or a wrong option) must answer at once, not after minutes of measurement.
const OPTIONS = benchOptions();
if (!OPTIONS) process.exit();

/** How much of everything; the minimums are in the comments. */
const SETTINGS = {
  profiledColdRuns: 3, // per runtime, with --cpu-prof, not measured
  warmup: 800, // per event type, untimed, so the JIT has settled
  iterations: 2_000, // ≥ 2,000 per event type
  eventPoolSize: 16,
  burst: 50,
  soakInvocations: 100_000,
  soakSampleEvery: 5_000,
  soakFitFrom: 10_000,
  logLevel: 'WARN',
} as const;

const OVERHEAD_TARGETS = { p50: { op: '<=', limit: 0.3 }, p99: { op: '<=', limit: 1.5 } } as const;

const start = await startConditions();
const started = performance.now();
const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

// moto_server takes a second or two to start; it idles until the cold-burst measurement needs it.
const moto = startMotoServer();
const measurements: Measurement[] = [];
let coldSideBySide = '';
try {
  progress('bundling the bench plugins (one-call, idle) as every plugin is bundled, and the probes');
  const [oneCall, idle] = await Promise.all([
    buildBenchBundle('one-call'),
    buildBenchBundle('idle'),
    buildProbes(),
  ]);
  measurements.push(...(await measureBundleSize(oneCall, await zipSizeOf(oneCall.dir))));
  const emulator = await startBiotEmulator({ serviceUsers: [{ ...BENCH_SERVICE_USER }] });
  try {
    measurements.push(...(await measureAll(emulator, await moto, { oneCall, idle }, OPTIONS)));
  } finally {
    await emulator.close();
  }
} finally {
  const secretsManager = await moto;
  if (secretsManager.available) await secretsManager.server.close();
}

const machine = await machineInfo(start);
const durationSeconds = Math.round((performance.now() - started) / 100) / 10;
const results = resultsFile(
  {
    command: 'pnpm bench',
    date: new Date().toISOString(),
    machine,
    durationSeconds,
    settings: {
      ...SETTINGS,
      ...OPTIONS,
      soakNodeFlags: '--expose-gc --max-old-space-size=116 --max-semi-space-size=6',
    },
  },
  measurements,
);
await writeResultsFile(PATHS.benchResults, results);
console.log(renderTable(measurements));
if (coldSideBySide) console.log(`\n${coldSideBySide}`);
console.log(
  `\n${describeMachine(machine)}; POWERTOOLS_LOG_LEVEL=${SETTINGS.logLevel} unless stated; ${durationSeconds} s`,
);
const busy = busyMachineWarning(machine);
if (busy) console.log(busy);
console.log(`wrote ${relative(PATHS.repoRoot, PATHS.benchResults)}`);
const passed = allPass(measurements);
console.log(passed ? 'PASS: every target met' : 'FAIL: see the lines marked FAIL');
process.exitCode = passed ? 0 : 1;

async function measureAll(
  biot: BiotEmulator,
  secretsManager: MotoStart,
  bundles: { oneCall: BenchBundle; idle: BenchBundle },
  options: NonNullable<typeof OPTIONS>,
): Promise<Measurement[]> {
  const oneCall = bundles.oneCall.file;
  const idle = bundles.idle.file;
  const env = pluginEnv(biot.url, SETTINGS.logLevel);
  const pools = {} as Record<EventType, FunctionUrlEvent[]>;
  for (const type of EVENT_TYPES) pools[type] = await eventPool(biot, type, SETTINGS.eventPoolSize);
  const lines: Measurement[] = [];

  const runtimes: NodeRuntime[] = [
    { id: 'node20', label: `Node ${process.versions.node}`, binary: process.execPath },
  ];
  if (options.node22) runtimes.push(node22Runtime(options.node22));
  const coldBundles: ColdBundle[] = [{ id: '', label: '', file: oneCall }];
  if (options.baseline) {
    coldBundles.push({
      id: 'baseline',
      label: 'baseline',
      file: await stageBaseline(resolve(options.baseline)),
      deployedNodeFlags: options.baselineNodeOptions?.split(/\s+/).filter(Boolean) ?? [],
    });
  }
  const modes = await coldModes(secretsManager, biot);
  progress(
    `cold start: ${options.coldRuns} fresh processes each, ${coldBundles.length * runtimes.length * modes.length} kinds, interleaved`,
  );
  const coldEvents = await eventPool(biot, 'NOTIFICATION', options.coldRuns);
  const cold = await measureColdStart({
    bundles: coldBundles,
    runtimes,
    modes,
    env,
    events: coldEvents,
    targetRuntime: 'node22',
  });
  lines.push(...cold);
  if (options.cpuProfileDir) {
    progress(`CPU profiles: ${SETTINGS.profiledColdRuns} more fresh processes per runtime, as deployed`);
    const dirs = await profileColdStart({
      bundles: coldBundles,
      runtimes,
      modes,
      env,
      events: await eventPool(biot, 'NOTIFICATION', SETTINGS.profiledColdRuns),
      dir: resolve(options.cpuProfileDir),
    });
    for (const dir of dirs) progress(`  wrote ${dir}/*.cpuprofile`);
  }
  coldSideBySide = renderColdSideBySide(cold, { bundles: coldBundles, runtimes, modes });
  if (!options.node22)
    lines.push(notMeasured('node22', 'give a Node 22 binary: --node22 <path> or BENCH_NODE22'));
  if (!secretsManager.available) {
    lines.push({
      id: 'cold.secretByArn',
      metric: 'cold first response, secret by ARN',
      value: undefined,
      unit: 'ms',
      unavailable: `n/a (${secretsManager.reason})`,
    });
  }
  if (options.coldOnly) return lines;

  const warmCommon = { emulatorUrl: biot.url, warmup: SETTINGS.warmup, iterations: SETTINGS.iterations };
  progress(`warm latency: ${SETTINGS.iterations} invocations per event type, one-call plugin`);
  const warm = await runWarm({ ...warmCommon, bundle: oneCall, env, pools });
  lines.push(
    ...latencyMeasurements(warm, {
      idPrefix: 'warm',
      label: 'warm',
      suffix: '(one-call plugin)',
      targets: { NOTIFICATION: { p50: { op: '<=', limit: 0.9 } } },
    }),
  );

  progress(`pipeline overhead: ${SETTINGS.iterations} invocations per event type, idle plugin`);
  const overhead = await runWarm({ ...warmCommon, bundle: idle, env, pools });
  const overheadTargets = Object.fromEntries(EVENT_TYPES.map((type) => [type, OVERHEAD_TARGETS]));
  lines.push(
    ...latencyMeasurements(overhead, {
      idPrefix: 'overhead',
      label: 'pipeline overhead',
      suffix: '(idle plugin)',
      targets: overheadTargets,
    }),
  );

  // Diagnostic, no target: the same idle pipeline without verifying BioT's token shows what the
  // RS512 check costs. Never a deployment setting (the runtime warns when it is off).
  progress('pipeline overhead without the token check (diagnostic)');
  const unverified = await runWarm({
    ...warmCommon,
    bundle: idle,
    env: { ...env, [ENV.shouldValidateJwt]: 'false' },
    pools: { NOTIFICATION: pools.NOTIFICATION, INTERCEPTOR_PRE: pools.INTERCEPTOR_PRE },
  });
  lines.push(
    ...latencyMeasurements(unverified, {
      idPrefix: 'overheadUnverified',
      label: 'pipeline overhead',
      suffix: '(idle plugin, token NOT verified)',
    }).filter((line) => !line.id.endsWith('non200')),
  );

  progress('warm notifications at POWERTOOLS_LOG_LEVEL=INFO');
  const info = await runWarm({
    ...warmCommon,
    bundle: oneCall,
    env: pluginEnv(biot.url, 'INFO'),
    pools: { NOTIFICATION: pools.NOTIFICATION },
  });
  lines.push(
    ...latencyMeasurements(info, {
      idPrefix: 'warmInfo',
      label: 'warm',
      suffix: '(one-call plugin, INFO logs to a pipe)',
    }).filter((line) => !line.id.endsWith('non200')),
  );

  lines.push(...biotCallMeasurements(warm, SETTINGS.iterations));

  progress(`${SETTINGS.burst} notifications reaching one cold container at once`);
  lines.push(
    ...(await measureColdBurst({
      bundle: oneCall,
      emulator: biot,
      env,
      serviceUserId: BENCH_SERVICE_USER.id,
      secretsManager,
      events: await eventPool(biot, 'NOTIFICATION', SETTINGS.burst),
    })),
  );

  progress(`soak: ${SETTINGS.soakInvocations.toLocaleString('en-US')} notifications at 128 MB heap limits`);
  lines.push(
    ...(await measureSoak({
      bundle: oneCall,
      env,
      events: pools.NOTIFICATION,
      invocations: SETTINGS.soakInvocations,
      sampleEvery: SETTINGS.soakSampleEvery,
      fitFrom: SETTINGS.soakFitFrom,
      onSample: (sample) => {
        if (sample.invocations % 25_000 === 0 && sample.invocations > 0) {
          progress(`  soak ${sample.invocations.toLocaleString('en-US')} invocations`);
        }
      },
    })),
  );
  lines.push(peakRssMeasurement('warm.peakRssMiB', 'peak RSS, warm latency process', warm.peakRssMiB));
  return lines;
}

/** A Node.js binary given on the command line, checked to be one and named by its version. */
function node22Runtime(binary: string): NodeRuntime {
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith('v22.')) throw new Error(`--node22 ${binary} is Node ${version}, not 22`);
  return { id: 'node22', label: `Node ${version.slice(1)}`, binary };
}

/**
 * The cold containers measured: a plain process (the bundle's own cost), the function as CDK
 * deploys it (Lambda's environment, so the tracer is configured; no --enable-source-maps), and
 * the same with the service-user secret read by ARN from Secrets Manager (moto) as deployed,
 * when moto_server is installed. The targets apply to the deployed mode on Node 22.
 */
async function coldModes(secretsManager: MotoStart, biot: BiotEmulator) {
  const modes: ColdMode[] = [
    { id: '', label: 'plain process', env: {} },
    {
      id: 'lambda',
      label: 'as deployed',
      env: { ...LAMBDA_ENV },
      deployed: true,
      targets: { importMs: { op: '<=', limit: 35 }, firstResponseMs: { op: '<=', limit: 60 } },
    },
  ];
  if (secretsManager.available) {
    const keyId = biot.serviceUser(BENCH_SERVICE_USER.id)?.secretKeys[0]?.id ?? 'bench';
    const arn = await secretsManager.server.createSecret(
      `biot-plugin-bench-cold-${process.pid}`,
      serializeServiceSecret({ keyId, secretKey: BENCH_SERVICE_USER.secretKey }),
    );
    modes.push({
      id: 'lambdaArn',
      label: 'as deployed, secret by ARN (moto)',
      deployed: true,
      env: {
        ...LAMBDA_ENV,
        ...secretsManager.server.env(secretsManager.server.url),
        [ENV.serviceUserSecretArn]: arn,
      },
      without: [ENV.serviceUserSecretKey],
    });
  }
  return modes;
}
