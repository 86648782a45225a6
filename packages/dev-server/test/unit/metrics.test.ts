import { PLUGIN_METRICS } from '@biot-plugin/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandIo } from '../../src/cli/command-io.js';
import { runStart } from '../../src/cli/start-command.js';
import { renderDemoTable } from '../../src/demo/demo-table.js';
import { type DemoReport, runLocalDemo } from '../../src/demo/run-local-demo.js';
import { type EmfDocument, summarizeMetrics } from '../../src/metrics/emf-document.js';
import { silentLog } from '../../src/server/dev-server-log.js';
import { FIXTURE_PLUGINS_DIR, fixturePlugin } from '../support/fixture-plugins.js';

const quiet = { logLevel: 'SILENT', log: silentLog } as const;

/** An EMF document as the runtime writes one: Plugin and Environment, plus the metric's own dimensions. */
function emf(
  dimensions: Record<string, string>,
  metrics: Record<string, [unit: string, value: number | number[]]>,
) {
  const names = ['Plugin', 'Environment', ...Object.keys(dimensions)];
  return {
    _aws: {
      Timestamp: 1_764_000_000_000,
      CloudWatchMetrics: [
        {
          Namespace: PLUGIN_METRICS.namespace,
          Dimensions: [names],
          Metrics: Object.entries(metrics).map(([Name, [Unit]]) => ({ Name, Unit })),
        },
      ],
    },
    traceId: '691d9a7ec2ebb8ad236b56d739c4c17f',
    Plugin: 'clock',
    Environment: 'local',
    ...dimensions,
    ...Object.fromEntries(Object.entries(metrics).map(([name, [, value]]) => [name, value])),
  } as EmfDocument;
}

describe('the one-line summary of what an event emitted', () => {
  it('names each metric with its own dimension values, leaving out the ones every metric of the event shares', () => {
    const documents = [
      emf(
        { HookType: 'NOTIFICATION' },
        { Invocations: ['Count', 1], Errors: ['Count', 0], Duration: ['Milliseconds', 3.14] },
      ),
      emf({ HookType: 'NOTIFICATION', Outcome: 'answered' }, { Answers: ['Count', 1] }),
      emf({ Route: 'GET /device/v2/devices/{id}', StatusClass: '2xx' }, { BiotCalls: ['Count', 2] }),
      emf({ Route: 'GET /device/v2/devices/{id}' }, { BiotCallLatency: ['Milliseconds', [2.25, 4]] }),
    ];

    expect(summarizeMetrics(documents)).toBe(
      'Invocations=1 Duration=3.1ms Answers{answered}=1 BiotCalls{GET /device/v2/devices/{id} 2xx}=2 ' +
        'BiotCallLatency{GET /device/v2/devices/{id}}=2.3ms,4.0ms',
    );
  });

  it('shows a failure’s count', () => {
    expect(summarizeMetrics([emf({ HookType: 'NOTIFICATION' }, { Errors: ['Count', 1] })])).toBe('Errors=1');
  });
});

describe('the metrics of each call of the local demo', () => {
  const written: string[] = [];
  let write: typeof process.stdout.write;
  beforeEach(() => {
    written.length = 0;
    write = process.stdout.write;
    process.stdout.write = ((chunk: unknown) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
  });
  afterEach(() => {
    process.stdout.write = write;
  });

  it('hands each call the EMF documents the runtime wrote for it, and keeps them off stdout', async () => {
    const report = await runLocalDemo({ plugins: [fixturePlugin('device-clock')], ...quiet });

    const [notification, forged] = report.rows.map((row) => summarizeMetrics(row.metrics));
    expect(notification).toMatch(/^Invocations=1 Duration=\d+\.\dms Answers\{answered\}=1 /);
    expect(notification).toContain('BiotCalls{GET /device/v2/devices/{id} 2xx}=1');
    expect(notification).toContain('BiotCalls{PATCH /device/v2/devices/{id} 2xx}=1');
    expect(notification).toContain('ColdStarts=1');
    expect(forged).toMatch(
      /^Invocations=1 Duration=\d+\.\dms Answers\{JWT_INVALID\}=1 TokenRefusals\{JWT_INVALID\}=1 TokenRefusalsTotal=1$/,
    );
    expect(report.rows[1]?.metrics.every((document) => document.Plugin === 'device-clock')).toBe(true);
    expect(written.join('')).not.toContain('"_aws"');
  });

  it('prints a summary line under each row, or the documents themselves', async () => {
    const report = await runLocalDemo({ plugins: [fixturePlugin('device-clock')], ...quiet });

    const summary = renderDemoTable(report).split('\n');
    expect(summary[2]).toMatch(/^ {6}metrics: Invocations=1 /);
    expect(summary[4]).toMatch(/^ {6}metrics: Invocations=1 .*TokenRefusals\{JWT_INVALID\}=1/);
    const full = renderDemoTable(report, { metrics: 'full' }).split('\n');
    const documents = full.filter((line) => line.startsWith('      {')).map((line) => JSON.parse(line));
    expect(documents).toEqual([
      ...(report.rows[0] as DemoReport['rows'][number]).metrics,
      ...(report.rows[1]?.metrics ?? []),
    ]);
    expect(renderDemoTable(report, { metrics: 'none' })).not.toContain('metrics');
  });
});

describe('pnpm start and its metrics', () => {
  function captureIo() {
    const out: string[] = [];
    const io: CommandIo = {
      out: (text) => out.push(text),
      err: () => {},
      env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
    };
    return { io, text: () => out.join('\n') };
  }
  const argv = ['--plugins-dir', FIXTURE_PLUGINS_DIR, '--plugin', 'device-clock'];

  it('prints one metrics line per call', async () => {
    const { io, text } = captureIo();

    expect(await runStart(argv, io)).toBe(0);
    expect(text().match(/^ {6}metrics: Invocations=1 /gm)).toHaveLength(2);
    expect(text()).not.toContain('"_aws"');
  });

  it('prints the EMF documents instead with --metrics', async () => {
    const { io, text } = captureIo();

    expect(await runStart([...argv, '--metrics'], io)).toBe(0);
    const documents = text()
      .split('\n')
      .filter((line) => line.startsWith('      {'))
      .map((line) => JSON.parse(line) as EmfDocument);
    expect(documents.length).toBeGreaterThan(2);
    expect(new Set(documents.map((document) => document._aws.CloudWatchMetrics[0]?.Namespace))).toEqual(
      new Set([PLUGIN_METRICS.namespace]),
    );
    expect(text()).not.toContain('metrics: ');
  });

  it('lists --metrics in its usage, and points a near miss at it', async () => {
    const help = captureIo();
    expect(await runStart(['--help'], help.io)).toBe(0);
    expect(help.text()).toContain('--metrics');

    const errors: string[] = [];
    const io: CommandIo = { out: () => {}, err: (text) => errors.push(text), env: {} };
    expect(await runStart(['--metric'], io)).toBe(2);
    expect(errors.join('\n')).toContain('Did you mean --metrics?');
  });
});
