import type { DemoReport } from './run-local-demo.js';

/**
 * The report as `pnpm start` prints it: one aligned row per call, PASS or FAIL first so the eye
 * finds a failure, what BioT needed under a failed row, and a summary line.
 */
export function renderDemoTable(report: DemoReport): string {
  const pluginWidth = Math.max(6, ...report.rows.map((row) => row.plugin.length));
  const eventWidth = Math.max(5, ...report.rows.map((row) => row.event.length));
  const lines = [
    `      ${'plugin'.padEnd(pluginWidth)}  ${'event'.padEnd(eventWidth)}  status      ms  what the hook did`,
    ...report.rows.flatMap((row) => {
      const line =
        `${row.pass ? 'PASS' : 'FAIL'}  ${row.plugin.padEnd(pluginWidth)}  ${row.event.padEnd(eventWidth)}  ` +
        `${String(row.status).padStart(6)}  ${String(row.ms).padStart(6)}  ${row.result}`;
      const indent = ' '.repeat(6 + pluginWidth + 2 + eventWidth + 2);
      return row.pass ? [line] : [line, `${indent}expected ${row.expected}`];
    }),
    '',
  ];
  const passed = report.rows.filter((row) => row.pass).length;
  const plugins = report.plugins.length === 1 ? '1 plugin' : `${report.plugins.length} plugins`;
  const source = report.build === 'bundle' ? 'production bundle' : 'source';
  lines.push(
    `${passed} of ${report.rows.length} calls answered as BioT expects, ${plugins}, in ${report.ms} ms ` +
      `(each plugin's ${source} behind its own local Function URL, BioT emulated).`,
  );
  return lines.join('\n');
}
