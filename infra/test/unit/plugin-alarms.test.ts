import { PLUGIN_METRICS } from '@biot-plugin/core';
import { definePlugin } from '@biot-plugin/runtime';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_SETTINGS } from '../../lib/settings/alarm-settings.js';
import { type EnvironmentConfig, resolvePluginDeployments } from '../../lib/settings/environment-config.js';
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
      Threshold: LIVE.alarms.refusedCallsPer5Minutes,
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
      Threshold: LIVE.alarms.errorRatePercent,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: LIVE.alarms.evaluationMinutes,
      DatapointsToAlarm: LIVE.alarms.breachingMinutes,
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
      Threshold: DEFAULT_ALARM_SETTINGS.biotApiErrorRatePercent,
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

  it("takes the environment's alarms.interceptorLatencySloMs, and a plugin entry's over it", () => {
    const environment = synthQaWith('audit-trail', {
      environment: { alarms: { interceptorLatencySloMs: 300 } },
    });
    const entry = synthQaWith('audit-trail', {
      environment: { alarms: { interceptorLatencySloMs: 300 } },
      plugin: { alarms: { interceptorLatencySloMs: 150 } },
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
  it('does not exist where alarms.notificationSilenceMinutes is unset', () => {
    expect(live.stack.plugin.alarms.notificationSilence).toBeUndefined();
  });

  it('fires when no NOTIFICATION invocation arrived in the configured minutes, missing data counting as silence', () => {
    const synth = synthQaWith('audit-trail', { environment: { alarms: { notificationSilenceMinutes: 90 } } });
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

  it("is turned off by a plugin entry's false, the environment's minutes notwithstanding", () => {
    const synth = synthQaWith('audit-trail', {
      environment: { alarms: { notificationSilenceMinutes: 90 } },
      plugin: { alarms: { notificationSilenceMinutes: false } },
    });

    expect(synth.stack.plugin.alarms.notificationSilence).toBeUndefined();
    synth.template.resourcePropertiesCountIs(
      'AWS::CloudWatch::Alarm',
      { ComparisonOperator: 'LessThanThreshold' },
      0,
    );
  });

  it('does not exist for a plugin not subscribed to notifications, whatever the setting', () => {
    const synth = synthQaWith('nightly-report', {
      environment: { alarms: { notificationSilenceMinutes: 90 } },
    });

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

/** An environment of the two fixture plugins with alarm thresholds of its own and of the entries'. */
function qaWithAlarms(alarms: {
  environment?: EnvironmentConfig['alarms'];
  'audit-trail'?: EnvironmentConfig['alarms'];
  'nightly-report'?: EnvironmentConfig['alarms'];
}): { qa: EnvironmentConfig } {
  const entry = (name: keyof typeof QA.plugins) => ({
    ...QA.plugins[name],
    ...(alarms[name] === undefined ? {} : { alarms: alarms[name] }),
  });
  return {
    qa: {
      ...QA,
      ...(alarms.environment === undefined ? {} : { alarms: alarms.environment }),
      plugins: { 'audit-trail': entry('audit-trail'), 'nightly-report': entry('nightly-report') },
    },
  };
}

const TUNED = {
  errorRatePercent: 7.5,
  biotApiErrorRatePercent: 25,
  durationShareOfTimeout: 0.07,
  refusedCallsPer5Minutes: 5,
  interceptorLatencySloMs: 400,
  notificationSilenceMinutes: 90,
  breachingMinutes: 4,
  evaluationMinutes: 6,
} as const;

describe('the alarm thresholds', () => {
  it('are the documented defaults where neither the environment nor the plugin sets one', () => {
    const { template } = synthQaWith('audit-trail', {});
    const fast = { EvaluationPeriods: 3, DatapointsToAlarm: 2 };

    expect(DEFAULT_ALARM_SETTINGS).toEqual({
      errorRatePercent: 5,
      biotApiErrorRatePercent: 10,
      durationShareOfTimeout: 0.8,
      refusedCallsPer5Minutes: 20,
      interceptorLatencySloMs: 1000,
      breachingMinutes: 2,
      evaluationMinutes: 3,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^More than 5% of the plugin.s answers'),
      Threshold: 5,
      ...fast,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^More than 10% of the plugin.s BioT calls'),
      Threshold: 10,
      ...fast,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('SLO of 1000 ms'),
      Threshold: 1000,
      ...fast,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Duration', Threshold: 8000 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('refused at least 20 calls'),
      Threshold: 20,
    });
  });

  it("reach every plugin's alarms from the environment's alarms", () => {
    const environments = qaWithAlarms({ environment: TUNED });
    const fast = { EvaluationPeriods: 6, DatapointsToAlarm: 4 };

    for (const pluginName of ['audit-trail', 'nightly-report']) {
      const { template } = synthStack(pluginName, 'qa', { environments });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmDescription: Match.stringLikeRegexp('^More than 7.5% of the plugin.s answers'),
        Threshold: 7.5,
        ...fast,
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmDescription: Match.stringLikeRegexp('^More than 25% of the plugin.s BioT calls'),
        Threshold: 25,
        ...fast,
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Duration', Threshold: 700 });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmDescription: Match.stringLikeRegexp('refused at least 5 calls'),
        Threshold: 5,
      });
    }
    const withInterceptor = synthStack('audit-trail', 'qa', { environments });
    withInterceptor.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('SLO of 400 ms'),
      Threshold: 400,
      ...fast,
    });
    withInterceptor.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ComparisonOperator: 'LessThanThreshold',
      Metrics: [Match.objectLike({ MetricStat: Match.objectLike({ Period: 90 * 60 }) })],
    });
  });

  it("take a plugin entry's values over the environment's, key by key, for that plugin only", () => {
    const environments = qaWithAlarms({
      environment: { errorRatePercent: 7.5, biotApiErrorRatePercent: 25, breachingMinutes: 3 },
      'audit-trail': { errorRatePercent: 1, evaluationMinutes: 4, interceptorLatencySloMs: 150 },
    });
    const overridden = synthStack('audit-trail', 'qa', { environments });
    const other = synthStack('nightly-report', 'qa', { environments });

    overridden.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^More than 1% of the plugin.s answers'),
      Threshold: 1,
      EvaluationPeriods: 4,
      DatapointsToAlarm: 3,
    });
    overridden.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^More than 25% of the plugin.s BioT calls'),
      Threshold: 25,
      EvaluationPeriods: 4,
      DatapointsToAlarm: 3,
    });
    expect(alarmOf(overridden, overridden.stack.plugin.alarms.interceptorLatency).Properties.Threshold).toBe(
      150,
    );
    other.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^More than 7.5% of the plugin.s answers'),
      Threshold: 7.5,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
    });
  });

  it('are stated in every description the alarm e-mail carries, with the setting that changes each', () => {
    const synth = synthStack('audit-trail', 'qa', { environments: qaWithAlarms({ environment: TUNED }) });
    const alarms = synth.stack.plugin.alarms;
    const descriptionOf = (alarm: { node: { defaultChild?: unknown } } | undefined) =>
      alarmOf(synth, alarm).Properties.AlarmDescription as string;
    const where = "in infra/config/environments.ts, for the environment or in the plugin's entry.";

    expect(descriptionOf(alarms.errorRate)).toContain('More than 7.5% of the plugin');
    expect(descriptionOf(alarms.errorRate)).toContain(
      `in 4 of 6 minutes. Threshold: alarms.errorRatePercent = 7.5, alarms.breachingMinutes = 4 and alarms.evaluationMinutes = 6; change them ${where}`,
    );
    expect(descriptionOf(alarms.biotApiErrors)).toContain('More than 25% of the plugin');
    expect(descriptionOf(alarms.biotApiErrors)).toContain('Threshold: alarms.biotApiErrorRatePercent = 25,');
    expect(descriptionOf(alarms.interceptorLatency)).toContain('above their SLO of 400 ms in 4 of 6 minutes');
    expect(descriptionOf(alarms.interceptorLatency)).toContain(
      'Threshold: alarms.interceptorLatencySloMs = 400,',
    );
    expect(descriptionOf(alarms.durationNearTimeout)).toContain(
      'p99 duration is above 700 ms, 7% of the 10 s timeout, in 2 of 3 periods of 5 minutes. ' +
        `Threshold: alarms.durationShareOfTimeout = 0.07; change it ${where}`,
    );
    expect(descriptionOf(alarms.refusedCalls)).toContain('refused at least 5 calls');
    expect(descriptionOf(alarms.refusedCalls)).toContain(
      `Threshold: alarms.refusedCallsPer5Minutes = 5; change it ${where}`,
    );
    expect(descriptionOf(alarms.notificationSilence)).toContain(
      `no notification from BioT in 90 minutes: its subscriptions may be gone`,
    );
    expect(descriptionOf(alarms.notificationSilence)).toContain(
      `Threshold: alarms.notificationSilenceMinutes = 90; change it ${where}`,
    );
    // CloudWatch refuses an AlarmDescription longer than 1024 characters.
    for (const alarm of Object.values(synth.template.findResources('AWS::CloudWatch::Alarm')) as Resource[]) {
      expect((alarm.Properties.AlarmDescription as string).length).toBeLessThanOrEqual(1024);
    }
  });
});

describe('the alarm settings checks', () => {
  const problemsOf = (config: EnvironmentConfig, environmentName = 'qa') => {
    try {
      resolvePluginDeployments(environmentName, config);
    } catch (error) {
      if (!(error instanceof EnvironmentSettingsError)) throw error;
      expect(error.message).toContain(`Invalid settings in environment "${environmentName}"`);
      return error.problems;
    }
    return [];
  };
  const inEntry = (alarms: object) =>
    problemsOf(qaWithAlarms({ 'nightly-report': alarms as EnvironmentConfig['alarms'] }).qa);

  it.each([
    ['errorRatePercent', 0, 'is not a per cent in (0, 100]'],
    ['errorRatePercent', -5, 'is not a per cent in (0, 100]'],
    ['errorRatePercent', 100.5, 'is not a per cent in (0, 100]'],
    ['biotApiErrorRatePercent', 0, 'is not a per cent in (0, 100]'],
    ['biotApiErrorRatePercent', 150, 'is not a per cent in (0, 100]'],
    ['durationShareOfTimeout', 0, 'is not a share in (0, 1]'],
    ['durationShareOfTimeout', -0.5, 'is not a share in (0, 1]'],
    ['durationShareOfTimeout', 80, 'is not a share in (0, 1]'],
    ['refusedCallsPer5Minutes', 0, 'is not a whole number 1–1000000'],
    ['refusedCallsPer5Minutes', -3, 'is not a whole number 1–1000000'],
    ['refusedCallsPer5Minutes', 2.5, 'is not a whole number 1–1000000'],
    ['interceptorLatencySloMs', 0, 'is not a whole number 10–900000'],
    ['notificationSilenceMinutes', 0, 'is not a whole number 5–1440'],
    ['notificationSilenceMinutes', 2, 'is not a whole number 5–1440'],
    ['breachingMinutes', 0, 'is not a whole number 1–1440'],
    ['evaluationMinutes', -1, 'is not a whole number 1–1440'],
    ['evaluationMinutes', 1441, 'is not a whole number 1–1440'],
  ])(
    "refuse %s %s in a plugin's entry, naming the environment, the plugin and the key",
    (key, value, why) => {
      expect(inEntry({ [key]: value })).toEqual([`plugins.nightly-report.alarms.${key} ${value} ${why}`]);
    },
  );

  it('stop synth of the app with the typed settings error, as `cdk synth -c env=qa` would', () => {
    const environments = qaWithAlarms({ 'audit-trail': { refusedCallsPer5Minutes: 0 } });

    expect(() => synthStack('audit-trail', 'qa', { environments })).toThrow(EnvironmentSettingsError);
    expect(() => synthStack('audit-trail', 'qa', { environments })).toThrow(
      'Invalid settings in environment "qa":\n  - plugins.audit-trail.alarms.refusedCallsPer5Minutes 0 is not a whole number 1–1000000',
    );
  });

  it("refuse a bad value in the environment's alarms, naming the key", () => {
    expect(
      problemsOf(qaWithAlarms({ environment: { errorRatePercent: 0, durationShareOfTimeout: 1.5 } }).qa),
    ).toEqual([
      'alarms.errorRatePercent 0 is not a per cent in (0, 100]',
      'alarms.durationShareOfTimeout 1.5 is not a share in (0, 1]',
    ]);
  });

  it('refuse a value that is not a number at all', () => {
    expect(
      inEntry({ errorRatePercent: '5', refusedCallsPer5Minutes: Number.NaN, evaluationMinutes: null }),
    ).toEqual([
      'plugins.nightly-report.alarms.errorRatePercent "5" is not a number',
      'plugins.nightly-report.alarms.refusedCallsPer5Minutes NaN is not a number',
      'plugins.nightly-report.alarms.evaluationMinutes null is not a number',
    ]);
  });

  it('accept the bounds: 100 %, half a per cent, a share of the whole timeout, one minute of one', () => {
    expect(
      inEntry({
        errorRatePercent: 100,
        biotApiErrorRatePercent: 0.5,
        durationShareOfTimeout: 1,
        refusedCallsPer5Minutes: 1,
        breachingMinutes: 1,
        evaluationMinutes: 1,
      }),
    ).toEqual([]);
  });

  it('refuse a key that is no alarm setting, and alarms that are not an object', () => {
    expect(inEntry({ errorRate: 5 })).toEqual([
      'plugins.nightly-report.alarms.errorRate is not an alarm setting; the alarm settings are ' +
        'errorRatePercent, biotApiErrorRatePercent, durationShareOfTimeout, refusedCallsPer5Minutes, ' +
        'interceptorLatencySloMs, notificationSilenceMinutes, breachingMinutes, evaluationMinutes',
    ]);
    expect(problemsOf({ ...QA, alarms: 5 } as unknown as EnvironmentConfig)).toEqual([
      expect.stringMatching(/^alarms must be an object of thresholds \(errorRatePercent, /),
    ]);
  });

  it('refuse the settings that moved into alarms, saying where each goes now', () => {
    const config = {
      ...QA,
      interceptorLatencySloMs: 500,
      plugins: {
        ...QA.plugins,
        'audit-trail': { ...QA.plugins['audit-trail'], refusedCallsAlarmThreshold: 5 },
        'nightly-report': { ...QA.plugins['nightly-report'], notificationSilenceMinutes: 60 },
      },
    } as unknown as EnvironmentConfig;

    expect(problemsOf(config)).toEqual([
      'interceptorLatencySloMs is now alarms.interceptorLatencySloMs: move the value there',
      'plugins.audit-trail.refusedCallsAlarmThreshold is now alarms.refusedCallsPer5Minutes: move the value there',
      'plugins.nightly-report.notificationSilenceMinutes is now alarms.notificationSilenceMinutes: move the value there',
    ]);
  });

  it('refuse an SLO not below the timeout, and more breaching minutes than evaluated, once merged', () => {
    expect(
      problemsOf(
        qaWithAlarms({
          environment: { breachingMinutes: 4 },
          'audit-trail': { interceptorLatencySloMs: 10_000, evaluationMinutes: 5 },
        }).qa,
      ),
    ).toEqual([
      "plugins.audit-trail.alarms.interceptorLatencySloMs 10000 is not below the plugin's timeout (10 s): an interceptor that slow has already timed out",
      'plugins.nightly-report.alarms.breachingMinutes 4 is more than alarms.evaluationMinutes 3: the alarms could never fire',
    ]);
  });

  it('refuse more breaching minutes than a production canary lasts: it could never roll back', () => {
    const config = {
      ...LIVE,
      canary: { percent: 10, minutes: 2 },
      plugins: { 'audit-trail': LIVE.plugins['audit-trail'] },
    };

    expect(problemsOf(config, 'live')).toEqual([
      `plugins.audit-trail.alarms.breachingMinutes ${LIVE.alarms.breachingMinutes} is more than the canary's 2 minutes: ` +
        'ErrorRate, BiotApiErrors and InterceptorLatency could not fire before all traffic moves to the new ' +
        'version, so the canary could never roll back',
    ]);
  });
});
