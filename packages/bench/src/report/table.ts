import { formatTarget, formatValue, type Measurement, verdictOf } from './measurement.js';

const HEADER = ['metric', 'value', 'target', 'result'] as const;

/** The measurements as a plain-text table: metric | value | target | PASS/FAIL. */
export function renderTable(measurements: readonly Measurement[]): string {
  const rows = measurements.map((m) => [
    m.metric,
    m.unavailable ?? formatValue(m.value, m.unit),
    formatTarget(m.target, m.unit),
    verdictOf(m),
  ]);
  const widths = HEADER.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(HEADER), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
