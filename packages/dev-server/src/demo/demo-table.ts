import type { DemoReport } from './run-local-demo.js';

/**
 * The report as `pnpm start` prints it: one aligned row per event, PASS or FAIL first so the
 * eye finds a failure, what BioT needed under a failed row, and a summary line.
 */
export function renderDemoTable(report: DemoReport): string {
  const nameWidth = Math.max(5, ...report.rows.map((row) => row.event.length));
  const lines = [
    `      ${'event'.padEnd(nameWidth)}  status      ms  what the hook did`,
    ...report.rows.flatMap((row) => {
      const line =
        `${row.pass ? 'PASS' : 'FAIL'}  ${row.event.padEnd(nameWidth)}  ${String(row.status).padStart(6)}  ` +
        `${String(row.ms).padStart(6)}  ${row.result}`;
      return row.pass ? [line] : [line, `      ${' '.repeat(nameWidth)}  expected ${row.expected}`];
    }),
    '',
  ];
  const passed = report.rows.filter((row) => row.pass).length;
  const source = report.build === 'bundle' ? 'the production bundle' : 'the runtime source';
  lines.push(
    `${passed} of ${report.rows.length} events answered as BioT expects, in ${report.ms} ms ` +
      `(${source} behind a local Function URL, BioT emulated).`,
  );
  return lines.join('\n');
}
