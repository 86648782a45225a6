import { type EmfDocument, PLUGIN_METRICS } from '@biot-plugin/core';

export type { EmfDocument };

/** The document on one line of output, or undefined for any other line (a log line, text). */
export function parseEmfLine(line: string): EmfDocument | undefined {
  if (!line.startsWith('{') || !line.includes('"_aws"')) return undefined;
  try {
    const value = JSON.parse(line) as { _aws?: { CloudWatchMetrics?: unknown } };
    return Array.isArray(value?._aws?.CloudWatchMetrics) ? (value as EmfDocument) : undefined;
  } catch {
    return undefined;
  }
}

/** Dimensions every metric of one event shares: the summary leaves them out. */
const SHARED: ReadonlySet<string> = new Set([
  PLUGIN_METRICS.dimensions.plugin,
  PLUGIN_METRICS.dimensions.environment,
  PLUGIN_METRICS.dimensions.hookType,
]);

/**
 * What an event emitted, on one line: `Invocations=1 Duration=3.1ms Answers{answered}=1
 * BiotCalls{GET /x 2xx}=1`. A metric's own dimension values go in braces; counts of zero
 * (`Errors=0` on a success) are left out, so what is there is what happened.
 */
export function summarizeMetrics(documents: readonly EmfDocument[]): string {
  const parts: string[] = [];
  for (const document of documents) {
    for (const directive of document._aws.CloudWatchMetrics) {
      const own = (directive.Dimensions[0] ?? []).filter((name) => !SHARED.has(name));
      const label = own.length === 0 ? '' : `{${own.map((name) => String(document[name])).join(' ')}}`;
      for (const metric of directive.Metrics) {
        const raw = document[metric.Name];
        const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is number => typeof v === 'number');
        const shown = formatValues(values, metric.Unit);
        if (shown !== undefined) parts.push(`${metric.Name}${label}=${shown}`);
      }
    }
  }
  return parts.join(' ');
}

function formatValues(values: readonly number[], unit: string): string | undefined {
  if (unit === 'Milliseconds') return values.map((value) => `${value.toFixed(1)}ms`).join(',');
  const total = values.reduce((sum, value) => sum + value, 0);
  if (total === 0) return undefined;
  return unit === 'Count' || unit === 'None' ? String(total) : `${total} ${unit}`;
}
