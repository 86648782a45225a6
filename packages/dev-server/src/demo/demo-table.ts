import { summarizeMetrics } from '../metrics/emf-document.js';
import type { DemoReport } from './run-local-demo.js';

export interface DemoTableOptions {
  /**
   * Under each row, the metrics the call emitted: on one line (`summary`, the default), as the
   * EMF documents Lambda's log would hold (`full`), or not at all (`none`).
   */
  metrics?: 'summary' | 'full' | 'none';
}

/**
 * The report as `pnpm start` prints it: one aligned row per call, PASS or FAIL first so the eye
 * finds a failure, what BioT needed under a failed row, the metrics the call emitted, and a
 * summary line.
 */
export function renderDemoTable(report: DemoReport, options: DemoTableOptions = {}): string {
  const metrics = options.metrics ?? 'summary';
  const pluginWidth = Math.max(6, ...report.rows.map((row) => row.plugin.length));
  const eventWidth = Math.max(5, ...report.rows.map((row) => row.event.length));
  const lines = [
    `      ${'plugin'.padEnd(pluginWidth)}  ${'event'.padEnd(eventWidth)}  status      ms  what the hook did`,
    ...report.rows.flatMap((row) => {
      const line =
        `${row.pass ? 'PASS' : 'FAIL'}  ${row.plugin.padEnd(pluginWidth)}  ${row.event.padEnd(eventWidth)}  ` +
        `${String(row.status).padStart(6)}  ${String(row.ms).padStart(6)}  ${row.result}`;
      const indent = ' '.repeat(6 + pluginWidth + 2 + eventWidth + 2);
      return [
        line,
        ...(row.pass ? [] : [`${indent}expected ${row.expected}`]),
        ...metricLines(row.metrics, metrics, ' '.repeat(6)),
      ];
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

function metricLines(
  documents: DemoReport['rows'][number]['metrics'],
  form: NonNullable<DemoTableOptions['metrics']>,
  indent: string,
): string[] {
  if (form === 'none' || documents.length === 0) return [];
  if (form === 'full') return documents.map((document) => `${indent}${JSON.stringify(document)}`);
  return [`${indent}metrics: ${summarizeMetrics(documents)}`];
}
