import { PLUGIN_METRICS } from '@biot-plugin/core';
import { Duration } from 'aws-cdk-lib';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IMetric,
  type IWidget,
  LogQueryVisualizationType,
  LogQueryWidget,
  Stats,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { Alias, IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { asPercent, type ResolvedAlarmSettings } from '../settings/alarm-settings.js';
import type { PluginMetrics } from './plugin-metrics.js';

export interface PluginDashboardProps {
  readonly dashboardName: string;
  readonly pluginName: string;
  readonly biotEnvironment: string;
  /** The function: its concurrency (reserved per function, not per alias). */
  readonly function: IFunction;
  /** The `live` alias: what carries BioT's calls, for Lambda's throttles. */
  readonly alias: Alias;
  /** The function's log group: cold starts and init durations from Lambda's REPORT lines. */
  readonly logGroup: ILogGroup;
  readonly metrics: PluginMetrics;
  /** The HookType values of the hooks the plugin is called for. */
  readonly hookTypes: readonly string[];
  readonly interceptorHookTypes: readonly string[];
  /** The alarms' thresholds: the dashboard draws them, so that its lines are where the alarms fire. */
  readonly alarmSettings: ResolvedAlarmSettings;
  /** What the ErrorRate alarm watches (PluginAlarms.answersFailedPercent). */
  readonly answersFailedPercent: IMetric;
  /** What the BiotApiErrors alarm watches (PluginAlarms.biotCallsFailedPercent). */
  readonly biotCallsFailedPercent: IMetric;
  /** @default - none drawn */
  readonly reservedConcurrency?: number;
  readonly alarms: readonly IAlarm[];
}

const WIDTH = 12;
const HEIGHT = 6;
const { metrics: names, dimensions } = PLUGIN_METRICS;

/**
 * Lambda's REPORT line of a cold start carries `Init Duration`; Logs Insights parses it into
 * `@initDuration` (text log format, the function's).
 */
export const COLD_START_QUERY = [
  'filter @type = "REPORT" and ispresent(@initDuration)',
  'stats count(*) as coldStarts, pct(@initDuration, 50) as initP50Ms, pct(@initDuration, 99) as initP99Ms by bin(5m)',
];

/**
 * One CloudWatch dashboard per plugin and environment, read top to bottom: is it healthy (alarms,
 * their thresholds, the failure rates they watch against them), what is it called for (invocations
 * and errors per hook type, answers by outcome), is it fast
 * enough inside BioT's API calls (interceptor p50/p99 against the SLO), how BioT answers it (calls,
 * failures and latency by route), is it attacked or misconfigured (token refusals by code), and
 * what the platform does (cold starts with their init duration, throttles, concurrency). Series
 * with per-value dimensions (Route, Code, Outcome) are SEARCH expressions, so a new route shows up
 * without a deploy.
 */
export class PluginDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: PluginDashboardProps) {
    super(scope, id);
    const metrics = props.metrics;
    const thresholds = props.alarmSettings;
    this.dashboard = new Dashboard(this, 'Resource', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.hours(3),
    });
    const rows: IWidget[][] = [
      [
        new TextWidget({
          markdown: [
            `# BioT plugin ${props.pluginName}, BioT environment ${props.biotEnvironment}`,
            `Called for: ${props.hookTypes.join(', ') || 'nothing yet'}. ` +
              `Interceptor SLO: p99 ≤ ${thresholds.interceptorLatencySloMs} ms (alarms.interceptorLatencySloMs). ` +
              `Metrics: namespace \`${PLUGIN_METRICS.namespace}\`, ${dimensions.plugin}=${props.pluginName}, ` +
              `${dimensions.environment}=${props.biotEnvironment}. Runbook: the repository README, Operate.`,
            thresholdsText(thresholds),
          ].join('\n\n'),
          width: WIDTH,
          height: HEIGHT,
        }),
        new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: WIDTH, height: HEIGHT }),
      ],
      [
        graph(
          'Invocations per hook type',
          props.hookTypes.map((hookType) => metrics.invocations(hookType)),
        ),
        graph(
          'Errors (answers ≥ 500) per hook type',
          props.hookTypes.map((hookType) => metrics.errors(hookType)),
        ),
      ],
      [
        percentGraph('ErrorRate', 'answers failed', props.answersFailedPercent, thresholds.errorRatePercent),
        percentGraph(
          'BiotApiErrors',
          'BioT calls failed',
          props.biotCallsFailedPercent,
          thresholds.biotApiErrorRatePercent,
        ),
      ],
      [
        ...(props.interceptorHookTypes.length === 0
          ? []
          : [
              new GraphWidget({
                title: `Interceptor duration p50 / p99 (SLO ${thresholds.interceptorLatencySloMs} ms)`,
                left: props.interceptorHookTypes.flatMap((hookType) => [
                  metrics.duration(hookType, 'p50'),
                  metrics.duration(hookType, 'p99'),
                ]),
                leftAnnotations: [{ value: thresholds.interceptorLatencySloMs, label: 'SLO' }],
                leftYAxis: { min: 0, label: 'ms', showUnits: false },
                width: WIDTH,
                height: HEIGHT,
              }),
            ]),
        graph('Answers by outcome', [
          metrics.search(names.answers, [dimensions.hookType, dimensions.outcome], 'Sum'),
        ]),
      ],
      [
        graph('BioT calls by route and status class', [
          metrics.search(names.biotCalls, [dimensions.route, dimensions.statusClass], 'Sum'),
        ]),
        graph('BioT calls failed (5xx, network, timeout) by route', [
          metrics.search(names.biotCalls, [dimensions.route, dimensions.statusClass], 'Sum', {
            filter: `(${['5xx', 'network', 'timeout'].map((c) => `${dimensions.statusClass}="${c}"`).join(' OR ')})`,
          }),
        ]),
      ],
      [
        graph('BioT call latency p99 by route (ms)', [
          metrics.search(names.biotCallLatency, [dimensions.route], 'p99'),
        ]),
        // The alarm counts the refusals of every code together: its line is drawn against their total.
        new GraphWidget({
          title: 'Token refusals by code, and in all (5 minutes)',
          left: [
            metrics.search(names.tokenRefusals, [dimensions.code], 'Sum', { period: Duration.minutes(5) }),
            metrics.tokenRefusalsTotal(Duration.minutes(5)).with({ label: 'all codes' }),
          ],
          leftAnnotations: [{ value: thresholds.refusedCallsPer5Minutes, label: 'RefusedCalls alarm' }],
          // The alarm's period: its line means something only on sums over the same 5 minutes.
          period: Duration.minutes(5),
          leftYAxis: { min: 0 },
          width: WIDTH,
          height: HEIGHT,
        }),
      ],
      [
        graph('Cold starts', [metrics.coldStarts()]),
        new LogQueryWidget({
          title: 'Cold starts and init duration (Lambda REPORT lines)',
          logGroupNames: [props.logGroup.logGroupName],
          queryLines: COLD_START_QUERY,
          view: LogQueryVisualizationType.LINE,
          width: WIDTH,
          height: HEIGHT,
        }),
      ],
      [
        graph('Throttles (live alias)', [props.alias.metricThrottles({ statistic: Stats.SUM })]),
        new GraphWidget({
          title: 'Concurrent executions',
          left: [props.function.metric('ConcurrentExecutions', { statistic: Stats.MAXIMUM })],
          leftAnnotations:
            props.reservedConcurrency === undefined
              ? []
              : [{ value: props.reservedConcurrency, label: 'reserved concurrency' }],
          leftYAxis: { min: 0 },
          width: WIDTH,
          height: HEIGHT,
        }),
      ],
    ];
    for (const row of rows) this.dashboard.addWidgets(...row);
  }
}

function graph(title: string, left: ConstructorParameters<typeof GraphWidget>[0]['left']): GraphWidget {
  return new GraphWidget({ title, left, leftYAxis: { min: 0 }, width: WIDTH, height: HEIGHT });
}

/** A percentage the alarm of that name watches, with the alarm's threshold drawn on it. */
function percentGraph(alarm: string, what: string, percent: IMetric, threshold: number): GraphWidget {
  return new GraphWidget({
    title: `${alarm}: ${what} (%)`,
    left: [percent],
    leftAnnotations: [{ value: threshold, label: `${alarm} alarm` }],
    leftYAxis: { min: 0, label: '%', showUnits: false },
    width: WIDTH,
    height: HEIGHT,
  });
}

/** Every alarm's threshold as this stack was built with it, and the setting that changes it. */
function thresholdsText(thresholds: ResolvedAlarmSettings): string {
  const window = `${thresholds.breachingMinutes} of ${thresholds.evaluationMinutes} minutes`;
  const silence =
    thresholds.notificationSilenceMinutes === undefined
      ? 'NotificationSilence: off'
      : `NotificationSilence: no notification in ${thresholds.notificationSilenceMinutes} minutes`;
  return (
    `Alarm thresholds (\`alarms\` in infra/config/environments.ts): ErrorRate > ${thresholds.errorRatePercent} %, ` +
    `BiotApiErrors > ${thresholds.biotApiErrorRatePercent} %, InterceptorLatency p99 > ` +
    `${thresholds.interceptorLatencySloMs} ms, each in ${window}; RefusedCalls ≥ ${thresholds.refusedCallsPer5Minutes} ` +
    `in 5 minutes; DurationNearTimeout p99 > ${asPercent(thresholds.durationShareOfTimeout)} % of the timeout; ${silence}.`
  );
}
