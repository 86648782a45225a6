import { describe, expect, it, vi } from 'vitest';
import { benchOptions } from '../../src/command-line.js';
import { type ColdMode, renderColdSideBySide } from '../../src/measure/cold-start.js';

const runtimes = [
  { id: 'node20', label: 'Node 20.20.2', binary: 'node' },
  { id: 'node22', label: 'Node 22.23.5', binary: '/opt/node22' },
];
const modes: ColdMode[] = [
  { id: '', label: 'plain process', env: {} },
  { id: 'lambda', label: 'as deployed', env: {}, deployed: true },
];
const bundles = [
  { id: '', label: '', file: 'new.mjs' },
  { id: 'baseline', label: 'baseline', file: 'old.mjs', deployedNodeFlags: ['--enable-source-maps'] },
];

describe("the bench's cold start table", () => {
  it('puts Node 20 and Node 22, and the baseline, side by side, a row per mode and figure', () => {
    const line = (id: string, value: number) => ({ id, metric: id, value, unit: 'ms' as const });
    const table = renderColdSideBySide(
      [
        line('cold.node20.importMs', 30),
        line('cold.node22.lambda.firstResponseMs', 58.25),
        line('cold.baseline.node22.lambda.firstResponseMs', 120),
      ],
      { bundles, runtimes, modes },
    );
    const [header, , ...rows] = table.split('\n');

    expect(header?.split(/\s{2,}/)).toEqual([
      'cold start, medians',
      'Node 20.20.2',
      'Node 22.23.5',
      'Node 20.20.2, baseline',
      'Node 22.23.5, baseline',
    ]);
    expect(rows[0]?.split(/\s{2,}/)).toEqual(['import, plain process', '30.0 ms', '–', '–', '–']);
    expect(rows[5]?.split(/\s{2,}/)).toEqual([
      'first response, as deployed',
      '–',
      '58.3 ms',
      '–',
      '120.0 ms (--enable-source-maps)',
    ]);
  });
});

describe('pnpm bench options', () => {
  it('takes the Node 22 binary from --node22, or else from BENCH_NODE22', () => {
    expect(benchOptions(['--node22', '/a/node'], { BENCH_NODE22: '/b/node' })?.node22).toBe('/a/node');
    expect(benchOptions([], { BENCH_NODE22: '/b/node' })?.node22).toBe('/b/node');
    expect(benchOptions([], {})).toEqual({ coldOnly: false, coldRuns: 11 });
  });

  it('takes a baseline bundle with the node flags it was deployed with, and --cold-only', () => {
    expect(
      benchOptions(
        ['--baseline', 'old/index.mjs', '--baseline-node-options=--enable-source-maps', '--cold-only'],
        {},
      ),
    ).toEqual({
      baseline: 'old/index.mjs',
      baselineNodeOptions: '--enable-source-maps',
      coldOnly: true,
      coldRuns: 11,
    });
  });

  it('takes more cold runs and a folder for CPU profiles', () => {
    expect(benchOptions(['--cold-runs', '31', '--cpu-prof', 'profiles'], {})).toEqual({
      coldOnly: false,
      coldRuns: 31,
      cpuProfileDir: 'profiles',
    });
  });

  it('refuses fewer cold runs than the issue asks for, with the usage', () => {
    const errors: string[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation((message: string) => errors.push(message));
    try {
      expect(benchOptions(['--cold-runs', '3'], {})).toBeUndefined();
      expect(benchOptions(['--cold-runs', 'many'], {})).toBeUndefined();
    } finally {
      error.mockRestore();
      process.exitCode = undefined;
    }
    expect(errors[0]).toMatch(/^--cold-runs must be a whole number of at least 10, not 3\n/);
    expect(errors[1]).toMatch(/not many/);
  });
});
