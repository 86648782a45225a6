import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { MachineInfo } from './machine.js';
import { formatTarget, formatValue, type Measurement, verdictOf } from './measurement.js';

/** What `results/latest.json` and `results/load-latest.json` hold: commit-friendly, one run. */
export interface ResultsFile {
  command: 'pnpm bench' | 'pnpm load';
  date: string;
  machine: MachineInfo;
  durationSeconds: number;
  settings: Record<string, unknown>;
  passed: boolean;
  measurements: Array<
    Measurement & { display: string; targetDisplay: string; result: ReturnType<typeof verdictOf> }
  >;
}

export function resultsFile(
  base: Omit<ResultsFile, 'measurements' | 'passed'>,
  measurements: readonly Measurement[],
): ResultsFile {
  const lines = measurements.map((m) => ({
    ...m,
    display: m.unavailable ?? formatValue(m.value, m.unit),
    targetDisplay: formatTarget(m.target, m.unit),
    result: verdictOf(m),
  }));
  return { ...base, passed: lines.every((line) => line.result !== 'FAIL'), measurements: lines };
}

export async function writeResultsFile(path: string, results: ResultsFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
}
