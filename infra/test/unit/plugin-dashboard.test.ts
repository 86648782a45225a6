import { PLUGIN_METRICS } from '@biot-plugin/core';
import { describe, expect, it } from 'vitest';
import { COLD_START_QUERY } from '../../lib/construct/plugin-dashboard.js';
import { LIVE, QA } from '../support/fixtures.js';
import { type SynthStack, synthQaWith, synthStack } from '../support/synth.js';
import { logicalIdOf, type Resource, resource } from '../support/template-queries.js';

const { namespace, metrics: names } = PLUGIN_METRICS;

type Widget = { type: string; properties: Record<string, unknown> & { title?: string } };

/** The dashboard's body, each CloudFormation reference written as the logical id it names. */
function dashboardOf(synth: SynthStack): { name: unknown; widgets: Widget[] } {
  const dashboards = Object.values(synth.template.findResources('AWS::CloudWatch::Dashboard')) as Resource[];
  expect(dashboards).toHaveLength(1);
  const { DashboardBody, DashboardName } = (dashboards[0] as Resource).Properties as {
    DashboardBody: { 'Fn::Join': [string, unknown[]] };
    DashboardName: unknown;
  };
  const body = DashboardBody['Fn::Join'][1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const reference = part as { Ref?: string; 'Fn::GetAtt'?: string[] };
      return reference.Ref ?? reference['Fn::GetAtt']?.join('.');
    })
    .join('');
  return { name: DashboardName, widgets: (JSON.parse(body) as { widgets: Widget[] }).widgets };
}

const titled = (synth: SynthStack, title: string) => {
  const widget = dashboardOf(synth).widgets.find((candidate) =>
    candidate.properties.title?.startsWith(title),
  );
  if (widget === undefined) throw new Error(`no widget "${title}"`);
  return widget.properties;
};
type MetricRow = (string | Record<string, unknown>)[];
const rowsOf = (properties: Record<string, unknown>) => properties.metrics as MetricRow[];
const expressionsOf = (properties: Record<string, unknown>) =>
  rowsOf(properties).map((row) => (row.at(-1) as { expression?: string }).expression);

const alarmThreshold = (synth: SynthStack, alarm: { node: { defaultChild?: unknown } } | undefined) =>
  alarm === undefined ? undefined : resource(synth, logicalIdOf(synth, alarm)).Properties.Threshold;

const live = synthStack('audit-trail', 'live');
const qaScheduled = synthStack('nightly-report', 'qa');

describe("the plugin's dashboard", () => {
  it('is one per plugin and environment, named after the stack', () => {
    expect(dashboardOf(live).name).toBe('audit-trail-live');
    expect(dashboardOf(qaScheduled).name).toBe('nightly-report-qa');
  });

  it('shows invocations and errors of the hook types the plugin is called for, and only those', () => {
    for (const [title, metric] of [
      ['Invocations per hook type', names.invocations],
      ['Errors', names.errors],
    ] as const) {
      expect(rowsOf(titled(live, title)).map((row) => row.slice(0, 8))).toEqual([
        [
          namespace,
          metric,
          'Environment',
          LIVE.biotEnvironment,
          'HookType',
          'NOTIFICATION',
          'Plugin',
          'audit-trail',
        ],
        [
          namespace,
          metric,
          'Environment',
          LIVE.biotEnvironment,
          'HookType',
          'PRE_REQUEST',
          'Plugin',
          'audit-trail',
        ],
      ]);
    }
    expect(rowsOf(titled(qaScheduled, 'Invocations per hook type')).map((row) => row[5])).toEqual([
      'SCHEDULED',
    ]);
  });

  it("draws the interceptors' p50 and p99 against the SLO from the config", () => {
    const synth = synthQaWith('audit-trail', { environment: { alarms: { interceptorLatencySloMs: 250 } } });
    const widget = titled(synth, 'Interceptor duration');

    expect(rowsOf(widget).map((row) => [row[1], row[5], (row.at(-1) as { stat: string }).stat])).toEqual([
      [names.duration, 'PRE_REQUEST', 'p50'],
      [names.duration, 'PRE_REQUEST', 'p99'],
    ]);
    expect(widget.annotations).toEqual({ horizontal: [{ value: 250, label: 'SLO', yAxis: 'left' }] });
  });

  it("draws a plugin entry's SLO over the environment's", () => {
    const synth = synthQaWith('audit-trail', {
      environment: { alarms: { interceptorLatencySloMs: 250 } },
      plugin: { alarms: { interceptorLatencySloMs: 120 } },
    });
    const widget = titled(synth, 'Interceptor duration');

    expect(widget.title).toBe('Interceptor duration p50 / p99 (SLO 120 ms)');
    expect(widget.annotations).toEqual({ horizontal: [{ value: 120, label: 'SLO', yAxis: 'left' }] });
  });

  it('draws the ErrorRate and BiotApiErrors thresholds on the very rates those alarms watch', () => {
    const synth = synthQaWith('audit-trail', {
      environment: { alarms: { errorRatePercent: 7.5, biotApiErrorRatePercent: 25 } },
      plugin: { alarms: { errorRatePercent: 3 } },
    });
    const alarms = synth.stack.plugin.alarms;
    const returned = (alarm: Resource) =>
      (alarm.Properties.Metrics as { Expression?: string; ReturnData?: boolean }[]).find(
        (query) => query.ReturnData,
      )?.Expression;

    for (const [title, alarm, value, label] of [
      ['ErrorRate: answers failed (%)', alarms.errorRate, 3, 'ErrorRate alarm'],
      ['BiotApiErrors: BioT calls failed (%)', alarms.biotApiErrors, 25, 'BiotApiErrors alarm'],
    ] as const) {
      const widget = titled(synth, title);
      expect(widget.annotations).toEqual({ horizontal: [{ value, label, yAxis: 'left' }] });
      expect(expressionsOf(widget).filter(Boolean)).toEqual([
        returned(resource(synth, logicalIdOf(synth, alarm as never))),
      ]);
      expect(alarmThreshold(synth, alarm)).toBe(value);
    }
  });

  it('draws the RefusedCalls threshold against the refusals of all codes together, which the alarm counts', () => {
    const synth = synthQaWith('audit-trail', { environment: { alarms: { refusedCallsPer5Minutes: 7 } } });
    const widget = titled(synth, 'Token refusals by code');

    expect(widget.annotations).toEqual({
      horizontal: [{ value: 7, label: 'RefusedCalls alarm', yAxis: 'left' }],
    });
    expect(rowsOf(widget)[1]?.slice(0, 6)).toEqual([
      namespace,
      names.tokenRefusalsTotal,
      'Environment',
      QA.biotEnvironment,
      'Plugin',
      'audit-trail',
    ]);
    expect(widget.period).toBe(300);
    expect(rowsOf(widget)[1]?.at(-1)).toEqual({ stat: 'Sum', label: 'all codes' });
    expect(alarmThreshold(synth, synth.stack.plugin.alarms.refusedCalls)).toBe(7);
  });

  it('states every threshold and the setting that changes them', () => {
    const synth = synthQaWith('audit-trail', {
      environment: {
        alarms: { errorRatePercent: 7.5, notificationSilenceMinutes: 60, durationShareOfTimeout: 0.9 },
      },
    });
    const text = dashboardOf(synth).widgets.find((widget) => widget.type === 'text')?.properties
      .markdown as string;

    expect(text).toContain(
      'Alarm thresholds (`alarms` in infra/config/environments.ts): ErrorRate > 7.5 %, BiotApiErrors > 10 %, ' +
        'InterceptorLatency p99 > 1000 ms, each in 2 of 3 minutes; RefusedCalls ≥ 20 in 5 minutes; ' +
        'DurationNearTimeout p99 > 90 % of the timeout; NotificationSilence: no notification in 60 minutes.',
    );
    expect(text).toContain('Interceptor SLO: p99 ≤ 1000 ms (alarms.interceptorLatencySloMs)');
  });

  it('has no interceptor latency for a plugin without interceptors', () => {
    expect(() => titled(qaScheduled, 'Interceptor duration')).toThrow(/no widget/);
  });

  it('finds BioT calls by route, their failures and latency, token refusals by code and answers by outcome with SEARCH', () => {
    const scope = `Plugin="audit-trail" Environment="${LIVE.biotEnvironment}"`;

    expect(expressionsOf(titled(live, 'BioT calls by route'))).toEqual([
      `SEARCH('{${namespace},Plugin,Environment,Route,StatusClass} MetricName="${names.biotCalls}" ${scope}', 'Sum', 60)`,
    ]);
    expect(expressionsOf(titled(live, 'BioT calls failed'))).toEqual([
      `SEARCH('{${namespace},Plugin,Environment,Route,StatusClass} MetricName="${names.biotCalls}" ${scope} ` +
        `(StatusClass="5xx" OR StatusClass="network" OR StatusClass="timeout")', 'Sum', 60)`,
    ]);
    expect(expressionsOf(titled(live, 'BioT call latency'))).toEqual([
      `SEARCH('{${namespace},Plugin,Environment,Route} MetricName="${names.biotCallLatency}" ${scope}', 'p99', 60)`,
    ]);
    expect(expressionsOf(titled(live, 'Token refusals by code'))[0]).toBe(
      `SEARCH('{${namespace},Plugin,Environment,Code} MetricName="${names.tokenRefusals}" ${scope}', 'Sum', 300)`,
    );
    expect(expressionsOf(titled(live, 'Answers by outcome'))).toEqual([
      `SEARCH('{${namespace},Plugin,Environment,HookType,Outcome} MetricName="${names.answers}" ${scope}', 'Sum', 60)`,
    ]);
  });

  it("shows cold starts, and their init duration from Lambda's REPORT lines in the plugin's log group", () => {
    expect(rowsOf(titled(live, 'Cold starts')).map((row) => row[1])).toEqual([names.coldStarts]);
    const query = dashboardOf(live).widgets.find((widget) => widget.type === 'log')?.properties;

    expect(query?.query).toBe(
      `SOURCE '${logicalIdOf(live, live.stack.plugin.logGroup)}' | ${COLD_START_QUERY.join('\n| ')}`,
    );
  });

  it("shows the live alias's throttles and the function's concurrency against its reservation", () => {
    const throttles = rowsOf(titled(live, 'Throttles'));
    const concurrency = titled(live, 'Concurrent executions');

    expect(throttles[0]?.slice(0, 2)).toEqual(['AWS/Lambda', 'Throttles']);
    expect(throttles[0]).toContain('Resource');
    expect(rowsOf(concurrency)[0]?.slice(0, 2)).toEqual(['AWS/Lambda', 'ConcurrentExecutions']);
    expect(concurrency.annotations).toEqual({
      horizontal: [{ value: LIVE.reservedConcurrency, label: 'reserved concurrency', yAxis: 'left' }],
    });
    expect(
      titled(synthQaWith('audit-trail', { environment: { reservedConcurrency: false } }), 'Concurrent')
        .annotations,
    ).toBeUndefined();
  });

  it('lists every alarm of the plugin', () => {
    const alarms = titled(live, 'Alarms').alarms as string[];

    expect(alarms).toHaveLength(live.stack.plugin.alarms.all.length);
    expect(alarms).toHaveLength(Object.keys(live.template.findResources('AWS::CloudWatch::Alarm')).length);
  });

  it('is in every environment, production or not', () => {
    expect(dashboardOf(synthQaWith('audit-trail', {})).name).toBe(`audit-trail-qa`);
    expect(QA.production).toBe(false);
  });
});
