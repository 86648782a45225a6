import type { EmfDocument } from '@biot-plugin/core';
import { captureLogs } from './captured-logs.js';

/** One metric of a document, with its dimension values, as a dashboard would query it. */
export interface EmittedMetric {
  name: string;
  unit: string;
  namespace: string;
  /** The dimension names of the metric's one dimension set, in order. */
  dimensionSet: string[];
  dimensions: Record<string, string>;
  values: number[];
  traceId: unknown;
}

/**
 * Captures stdout during each test and reads back the EMF documents among its lines (the
 * runtime's log lines are JSON too; an EMF document is the one with `_aws.CloudWatchMetrics`).
 */
export function captureMetrics() {
  const logs = captureLogs();
  const documents = (): EmfDocument[] => logs.entries().filter((entry): entry is EmfDocument => isEmf(entry));
  return {
    lines: logs.lines,
    documents,
    metrics: (): EmittedMetric[] => documents().flatMap(metricsOf),
  };
}

function isEmf(entry: Record<string, unknown>): boolean {
  const aws = entry._aws as { CloudWatchMetrics?: unknown } | undefined;
  return Array.isArray(aws?.CloudWatchMetrics);
}

function metricsOf(document: EmfDocument): EmittedMetric[] {
  return document._aws.CloudWatchMetrics.flatMap((directive) => {
    const [dimensionSet = [], ...more] = directive.Dimensions;
    if (more.length > 0) throw new Error('Each metric must have exactly one dimension set');
    return directive.Metrics.map((metric) => {
      const value = document[metric.Name];
      return {
        name: metric.Name,
        unit: metric.Unit,
        namespace: directive.Namespace,
        dimensionSet,
        dimensions: Object.fromEntries(dimensionSet.map((name) => [name, String(document[name])])),
        values: Array.isArray(value) ? (value as number[]) : [value as number],
        traceId: document.traceId,
      };
    });
  });
}
