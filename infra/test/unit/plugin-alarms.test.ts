import { PLUGIN_METRICS } from '@biot-plugin/core';
import { definePlugin } from '@biot-plugin/runtime';
import { describe, expect, it } from 'vitest';
import {
  BIOT_API_ERROR_RATE_ALARM_PERCENT,
  ERROR_RATE_ALARM_PERCENT,
} from '../../lib/construct/plugin-alarms.js';
import { resolvePluginDeployments } from '../../lib/settings/environment-config.js';
import { EnvironmentSettingsError } from '../../lib/settings/errors.js';
import { AUDIT_TRAIL, LIVE, NIGHTLY_REPORT, QA } from '../support/fixtures.js';
import { type SynthStack, synthQaWith, synthStack } from '../support/synth.js';
import { logicalIdOf, type Resource, resource } from '../support/template-queries.js';

// The alarms on the plugin's own metrics read PLUGIN_METRICS, the names the runtime writes.
const { namespace, metrics: names } = PLUGIN_METRICS;

type MetricQuery = {
  Id: string;
  Expression?: string;
  ReturnData?: boolean;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] };
    Period: number;
    Stat: string;
  };
};

function alarmOf(synth: SynthStack, alarm: { node: { defaultChild?: unknown } } | undefined): Resource {
  if (alarm === undefined) throw new Error('no such alarm');
  return resource(synth, logicalIdOf(synth, alarm));
}

const queriesOf = (alarm: Resource) => alarm.Properties.Metrics as MetricQuery[];
const expressionOf = (alarm: Resource) => queriesOf(alarm).find((query) => query.ReturnData)?.Expression;
const dimensionsOf = (query: MetricQuery) =>
  Object.fromEntries((query.MetricStat?.Metric.Dimensions ?? []).map(({ Name, Value }) => [Name, Value]));
/** `MetricName HookType` of every metric an alarm reads. */
const seriesOf = (alarm: Resource) =>
  queriesOf(alarm)
    .filter((query) => query.MetricStat !== undefined)
    .map((query) => {
      expect(query.MetricStat?.Metric.Namespace).toBe(namespace);
      return [query.MetricStat?.Metric.MetricName, dimensionsOf(query).HookType].filter(Boolean).join(' ');
    });

const live = synthStack('audit-trail', 'live');
const qaScheduled = synthStack('nightly-report', 'qa');

describe('the RefusedCalls alarm', () => {
  it("counts the runtime's TokenRefusalsTotal per plugin and BioT environment, at the environment's threshold in 5 minutes", () => {
    const alarm = alarmOf(live, live.stack.plugin.alarms.refusedCalls);
    const [query] = queriesOf(alarm);

    expect(query?.MetricStat).toEqual({
      Metric: {
        Namespace: namespace,
        MetricName: names.tokenRefusalsTotal,
        Dimensions: [
          { Name: 'Environment', Value: LIVE.biotEnvironment },
          { Name: 'Plugin', Value: 'audit-trail' },
        ],
      },
      Period: 300,
      Stat: 'Sum',
    });
    expect(alarm.Properties).toMatchObject({
      Threshold: LIVE.refusedCallsAlarmThreshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('fires at 20 refusals by default', () => {
    const qa = synthQaWith('audit-trail', {});

    expect(alarmOf(qa, qa.stack.plugin.alarms.refusedCalls).Properties.Threshold).toBe(20);
  });

  it('is the one refusal alarm: no log metric filter counts refusals any more', () => {
    live.template.resourceCountIs('AWS::Logs::MetricFilter', 0);
    const refusalAlarms = Object.values(live.template.findResources('AWS::CloudWatch::Alarm')).filter(
      (alarm) => JSON.stringify(alarm).includes('TokenRefusals') || JSON.stringify(alarm).includes('Refused'),
    );
    expect(refusalAlarms).toHaveLength(1);
  });
});

describe('the ErrorRate alarm', () => {
  it('divides Errors by Invocations over the hook types the plugin is called for, and refusals of no known hook', () => {
    const alarm = alarmOf(live, live.stack.plugin.alarms.errorRate);

    expect(seriesOf(alarm).sort()).toEqual([
      `${names.errors} NOTIFICATION`,
      `${names.errors} PRE_REQUEST`,
      `${names.errors} UNKNOWN`,
      `${names.invocations} NOTIFICATION`,
      `${names.invocations} PRE_REQUEST`,
      `${names.invocations} UNKNOWN`,
    ]);
    expect(expressionOf(alarm)).toBe(
      'IF((FILL(calls0, 0) + FILL(calls1, 0) + FILL(calls2, 0)) > 0, ' +
        '100 * (FILL(errors0, 0) + FILL(errors1, 0) + FILL(errors2, 0)) / (FILL(calls0, 0) + FILL(calls1, 0) + FILL(calls2, 0)), 0)',
    );
    expect(alarm.Properties).toMatchObject({
      Threshold: ERROR_RATE_ALARM_PERCENT,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
    });
  });

  it('watches the scheduled hook of a plugin called only by its schedule', () => {
    const alarm = alarmOf(qaScheduled, qaScheduled.stack.plugin.alarms.errorRate);

    expect(seriesOf(alarm).sort()).toEqual([
      `${names.errors} SCHEDULED`,
      `${names.errors} UNKNOWN`,
      `${names.invocations} SCHEDULED`,
      `${names.invocations} UNKNOWN`,
    ]);
  });

  it("stays within CloudWatch's 10 metrics per alarm for a plugin called for every hook type", () => {
    const everything = definePlugin({
      name: 'audit-trail',
      hooks: {
        notification: async () => {},
        preRequest: (event) => event.body.request,
        postRequest: (event) => event.body.response,
        adaptEntity: (event) => event.body.response,
        scheduled: async () => ({}),
      },
      subscriptions: {
        notifications: [{ entityTypeName: 'patient', actionName: '_create' }],
        interceptions: [
          { type: 'PRE_REQUEST', apiId: 'GET/organization/v1/users/patients' },
          { type: 'POST_REQUEST', apiId: 'GET/organization/v1/users/patients' },
          { type: 'ADAPT_ENTITY', entityName: 'patient' },
        ],
      },
      schedule: 'rate(1 hour)',
    });
    const synth = synthStack('audit-trail', 'qa', {
      plugins: [{ ...AUDIT_TRAIL, definition: everything }, NIGHTLY_REPORT],
    });
    const alarm = alarmOf(synth, synth.stack.plugin.alarms.errorRate);

    expect(seriesOf(alarm)).toHaveLength(10);
    expect(seriesOf(alarm)).toContain(`${names.errors} ADAPT_ENTITY`);
    const latency = alarmOf(synth, synth.stack.plugin.alarms.interceptorLatency);
    expect(expressionOf(latency)).toBe('MAX([interceptor0, interceptor1, interceptor2])');
    expect(seriesOf(latency)).toEqual([
      `${names.duration} PRE_REQUEST`,
      `${names.duration} POST_REQUEST`,
      `${names.duration} ADAPT_ENTITY`,
    ]);
  });
});

describe('the BiotApiErrors alarm', () => {
  it('divides BiotCallErrors by BiotCallsTotal', () => {
    const alarm = alarmOf(live, live.stack.plugin.alarms.biotApiErrors);

    expect(seriesOf(alarm).sort()).toEqual([names.biotCallErrors, names.biotCallsTotal].sort());
    expect(expressionOf(alarm)).toBe('IF(calls > 0, 100 * FILL(failed, 0) / calls, 0)');
    expect(alarm.Properties).toMatchObject({
      Threshold: BIOT_API_ERROR_RATE_ALARM_PERCENT,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
  });
});

describe('the InterceptorLatency alarm', () => {
  it("holds the interceptor's p99 Duration against the default SLO of 1000 ms", () => {
    const alarm = alarmOf(live, live.stack.plugin.alarms.interceptorLatency);
    const [query] = queriesOf(alarm);

    expect(query?.MetricStat?.Metric.MetricName).toBe(names.duration);
    expect(dimensionsOf(query as MetricQuery)).toEqual({
      Plugin: 'audit-trail',
      Environment: LIVE.biotEnvironment,
      HookType: 'PRE_REQUEST',
    });
    expect(query?.MetricStat?.Stat).toBe('p99');
    expect(alarm.Properties).toMatchObject({ Threshold: 1000, ComparisonOperator: 'GreaterThanThreshold' });
  });

  it("takes the environment's interceptorLatencySloMs, and a plugin entry's over it", () => {
    const environment = synthQaWith('audit-trail', { environment: { interceptorLatencySloMs: 300 } });
    const entry = synthQaWith('audit-trail', {
      environment: { interceptorLatencySloMs: 300 },
      plugin: { interceptorLatencySloMs: 150 },
    });

    expect(
      alarmOf(environment, environment.stack.plugin.alarms.interceptorLatency).Properties.Threshold,
    ).toBe(300);
    expect(alarmOf(entry, entry.stack.plugin.alarms.interceptorLatency).Properties.Threshold).toBe(150);
  });

  it('does not exist for a plugin without interceptors', () => {
    expect(qaScheduled.stack.plugin.alarms.interceptorLatency).toBeUndefined();
  });
});

describe('the NotificationSilence alarm', () => {
  it('does not exist where notificationSilenceMinutes is unset', () => {
    expect(live.stack.plugin.alarms.notificationSilence).toBeUndefined();
  });

  it('fires when no NOTIFICATION invocation arrived in the configured minutes, missing data counting as silence', () => {
    const synth = synthQaWith('audit-trail', { environment: { notificationSilenceMinutes: 90 } });
    const alarm = alarmOf(synth, synth.stack.plugin.alarms.notificationSilence);
    const [query] = queriesOf(alarm);

    expect(query?.MetricStat).toMatchObject({
      Metric: { Namespace: namespace, MetricName: names.invocations },
      Period: 90 * 60,
      Stat: 'Sum',
    });
    expect(dimensionsOf(query as MetricQuery).HookType).toBe('NOTIFICATION');
    expect(alarm.Properties).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'breaching',
    });
  });

  it('does not exist for a plugin not subscribed to notifications, whatever the setting', () => {
    const synth = synthQaWith('nightly-report', { environment: { notificationSilenceMinutes: 90 } });

    expect(synth.stack.plugin.alarms.notificationSilence).toBeUndefined();
  });
});

describe('every alarm', () => {
  it('notifies the alarm topic on ALARM and on OK', () => {
    const topicId = Object.keys(live.template.findResources('AWS::SNS::Topic'))[0];
    const alarms = Object.values(
      live.template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>,
    );

    expect(alarms).toHaveLength(live.stack.plugin.alarms.all.length);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
    }
  });
});

describe('the alarm settings', () => {
  const problemsOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof EnvironmentSettingsError) return error.problems;
      throw error;
    }
    return [];
  };

  it('refuse an SLO outside 10–900000 ms or not below the timeout, and a silence outside 5–1440 minutes', () => {
    expect(
      problemsOf(() =>
        resolvePluginDeployments('qa', {
          ...QA,
          interceptorLatencySloMs: 5,
          notificationSilenceMinutes: 2,
          plugins: {
            ...QA.plugins,
            'audit-trail': { ...QA.plugins['audit-trail'], interceptorLatencySloMs: 10_000 },
          },
        }),
      ),
    ).toEqual([
      'interceptorLatencySloMs 5 is not a whole number 10–900000',
      'notificationSilenceMinutes 2 is not a whole number 5–1440',
      "plugins.audit-trail.interceptorLatencySloMs 10000 is not below the plugin's timeout (10 s): an interceptor that slow has already timed out",
    ]);
  });
});
