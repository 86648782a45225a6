import { PLUGIN_METRICS, type PluginMetricName } from '@biot-plugin/core';
import { HOOK_TYPES, type HookName } from '@biot-plugin/runtime';
import { Duration } from 'aws-cdk-lib';
import { type IMetric, MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';

/**
 * The HookType dimension of a hook, from the runtime's table: BioT's interception type for an
 * interceptor, NOTIFICATION for a notification, SCHEDULED for the scheduled hook (the values the
 * runtime writes, PLUGIN_METRICS.dimensions.hookType).
 */
export function hookTypeDimensionOf(hook: HookName): string {
  const calledBy = HOOK_TYPES[hook].calledBy;
  switch (calledBy.kind) {
    case 'interception':
      return calledBy.type;
    case 'notification':
      return 'NOTIFICATION';
    case 'schedule':
      return 'SCHEDULED';
  }
}

/** What the runtime writes when it refuses a call before it knows the hook. */
export const UNKNOWN_HOOK_TYPE = 'UNKNOWN';

/** The interceptor hooks: their duration is latency a BioT API call pays. */
export function isInterceptor(hook: HookName): boolean {
  return HOOK_TYPES[hook].calledBy.kind === 'interception';
}

const { namespace, dimensions, metrics } = PLUGIN_METRICS;

/**
 * The plugin's own CloudWatch metrics (PLUGIN_METRICS, written by the runtime through EMF) for one
 * plugin in one BioT environment: every name comes from that table, never a literal here.
 */
export class PluginMetrics {
  constructor(
    /** BIOT_APP_NAME, the Plugin dimension. */
    readonly pluginName: string,
    /** BIOT_SERVICE_ENVIRONMENT, the Environment dimension. */
    readonly biotEnvironment: string,
  ) {}

  private get scope(): Record<string, string> {
    return { [dimensions.plugin]: this.pluginName, [dimensions.environment]: this.biotEnvironment };
  }

  private metric(
    name: PluginMetricName,
    statistic: string,
    period: Duration,
    extra: Record<string, string> = {},
    label?: string,
  ): Metric {
    return new Metric({
      namespace,
      metricName: name,
      dimensionsMap: { ...this.scope, ...extra },
      statistic,
      period,
      ...(label === undefined ? {} : { label }),
    });
  }

  invocations(hookType: string, period = Duration.minutes(1)): Metric {
    return this.metric(metrics.invocations, 'Sum', period, { [dimensions.hookType]: hookType }, hookType);
  }

  errors(hookType: string, period = Duration.minutes(1)): Metric {
    return this.metric(metrics.errors, 'Sum', period, { [dimensions.hookType]: hookType }, hookType);
  }

  /** `p99`, `p50`, ... of the time from the event's arrival to the answer. */
  duration(hookType: string, statistic: string, period = Duration.minutes(1)): Metric {
    return this.metric(
      metrics.duration,
      statistic,
      period,
      { [dimensions.hookType]: hookType },
      `${hookType} ${statistic}`,
    );
  }

  biotCallsTotal(period = Duration.minutes(1)): Metric {
    return this.metric(metrics.biotCallsTotal, 'Sum', period, {}, 'BioT calls');
  }

  biotCallErrors(period = Duration.minutes(1)): Metric {
    return this.metric(metrics.biotCallErrors, 'Sum', period, {}, 'failed (5xx, network, timeout)');
  }

  tokenRefusalsTotal(period = Duration.minutes(5)): Metric {
    return this.metric(metrics.tokenRefusalsTotal, 'Sum', period, {}, 'token refusals');
  }

  coldStarts(period = Duration.minutes(5)): Metric {
    return this.metric(metrics.coldStarts, 'Sum', period, {}, 'cold starts');
  }

  /**
   * Every series of a metric with per-value dimensions (Route, StatusClass, Code, Outcome), found by
   * a CloudWatch SEARCH expression: new routes and codes appear without a deploy. `filter` narrows
   * it further, e.g. `StatusClass=("5xx" OR "timeout")`.
   */
  search(
    name: PluginMetricName,
    perValue: readonly string[],
    statistic: string,
    options: { period?: Duration; filter?: string; label?: string } = {},
  ): IMetric {
    const period = options.period ?? Duration.minutes(1);
    const schema = [namespace, dimensions.plugin, dimensions.environment, ...perValue].join(',');
    const terms = [
      `MetricName="${name}"`,
      `${dimensions.plugin}="${this.pluginName}"`,
      `${dimensions.environment}="${this.biotEnvironment}"`,
      ...(options.filter === undefined ? [] : [options.filter]),
    ].join(' ');
    return new MathExpression({
      expression: `SEARCH('{${schema}} ${terms}', '${statistic}', ${period.toSeconds()})`,
      usingMetrics: {},
      period,
      ...(options.label === undefined ? {} : { label: options.label }),
    });
  }
}
