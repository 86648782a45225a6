import { TOKEN_REFUSAL_CODES } from '@biot-plugin/core';
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  Alarm,
  type AlarmProps,
  ComparisonOperator,
  type IAlarm,
  type IMetric,
  MathExpression,
  Stats,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { type AlarmSettings, asPercent, type ResolvedAlarmSettings } from '../settings/alarm-settings.js';
import { type PluginMetrics, UNKNOWN_HOOK_TYPE } from './plugin-metrics.js';

export interface PluginAlarmsProps {
  /** What carries BioT's traffic: the plugin function's `live` alias (Lambda's own metrics). */
  readonly function: IFunction;
  readonly timeout: Duration;
  /** The plugin's own metrics (PLUGIN_METRICS), for its plugin and BioT environment. */
  readonly metrics: PluginMetrics;
  /** The HookType values of the hooks BioT or the schedule calls (`hookTypeDimensionOf`). */
  readonly hookTypes: readonly string[];
  /** The HookType values of those that are interceptors; their p99 is held against the SLO. */
  readonly interceptorHookTypes: readonly string[];
  /** The thresholds, the defaults applied (`resolveAlarmSettings`). */
  readonly settings: ResolvedAlarmSettings;
  /** @default - alarms change state in the console only */
  readonly alarmEmail?: string;
  /** Keeps the topic's key when the stack is deleted. */
  readonly production: boolean;
  /** The plugin's schedule's failed invocations (HookSchedule), for a plugin with a scheduled hook. */
  readonly failedScheduledInvocations?: IMetric;
}

/** The rates and the latency are judged per minute (`breachingMinutes` of `evaluationMinutes`). */
const FAST_PERIOD = Duration.minutes(1);
/** CloudWatch evaluates at most 10 metrics in one alarm expression. */
const MAX_ALARM_METRICS = 10;

/**
 * The plugin's alarms. On Lambda's own metrics of the `live` alias: failures (crash, timeout),
 * throttles, p99 duration near the timeout. On the plugin's own (PLUGIN_METRICS, written by the
 * runtime): the error rate of its answers, the interceptors' p99 against their SLO, BioT API
 * errors, token refusals, and (where configured) notification silence. Failed runs of its schedule
 * when it has one. When an e-mail is configured, an encrypted SNS topic that the alarms notify
 * (on ALARM and back on OK).
 */
export class PluginAlarms extends Construct {
  readonly errors: IAlarm;
  readonly throttles: IAlarm;
  readonly durationNearTimeout: IAlarm;
  /** Calls refused for their token (TokenRefusalsTotal): forged or stolen tokens, or a BioT misconfiguration. */
  readonly refusedCalls: IAlarm;
  /** The share of the plugin's answers that are failures (Errors / Invocations). */
  readonly errorRate: IAlarm;
  /** The share of the plugin's BioT calls that fail (BiotCallErrors / BiotCallsTotal). */
  readonly biotApiErrors: IAlarm;
  /** Present for a plugin with interceptors. */
  readonly interceptorLatency?: IAlarm;
  /** Present for a plugin subscribed to notifications where `alarms.notificationSilenceMinutes` is set. */
  readonly notificationSilence?: IAlarm;
  /** Present for a plugin with a schedule. */
  readonly scheduleFailed?: IAlarm;
  /**
   * The alarms that say a new version is worse than the old (error rate, interceptor p99, BioT API
   * errors): a canary deploy rolls back when one of them fires. Silence is not one of them: a quiet
   * BioT says nothing about the version.
   */
  readonly rollbackAlarms: readonly IAlarm[];
  /** Every alarm, for the dashboard. */
  readonly all: readonly IAlarm[];
  /** Present when an e-mail is configured. */
  readonly topic?: ITopic;
  /** What ErrorRate watches, in per cent each minute: the dashboard draws it against the same threshold. */
  readonly answersFailedPercent: IMetric;
  /** What BiotApiErrors watches, in per cent each minute. */
  readonly biotCallsFailedPercent: IMetric;

  constructor(scope: Construct, id: string, props: PluginAlarmsProps) {
    super(scope, id);
    const fn = props.function;
    const metrics = props.metrics;
    const settings = props.settings;
    const fast = {
      evaluationPeriods: settings.evaluationMinutes,
      datapointsToAlarm: settings.breachingMinutes,
    };
    const inFastWindow = `in ${settings.breachingMinutes} of ${settings.evaluationMinutes} minutes`;
    const fastKeys = ['breachingMinutes', 'evaluationMinutes'] as const;

    // Lambda's Errors metric counts crashes and timeouts; errors the runtime answers as HTTP
    // responses are the plugin's ErrorRate below.
    const errors = this.alarm('Errors', {
      alarmDescription:
        'The BioT plugin function failed (unhandled error or timeout) at least once in 5 minutes.',
      metric: fn.metricErrors({ statistic: Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    // A throttled interceptor fails the BioT API call it intercepts.
    const throttles = this.alarm('Throttles', {
      alarmDescription: 'BioT called the plugin but Lambda throttled it (concurrency exhausted).',
      metric: fn.metricThrottles({ statistic: Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    const thresholdMs = Math.round(props.timeout.toMilliseconds() * settings.durationShareOfTimeout);
    const durationNearTimeout = this.alarm('DurationNearTimeout', {
      alarmDescription:
        `p99 duration is above ${thresholdMs} ms, ${asPercent(settings.durationShareOfTimeout)}% of the ` +
        `${props.timeout.toSeconds()} s timeout, in 2 of 3 periods of 5 minutes. ` +
        changedBy(settings, ['durationShareOfTimeout']),
      metric: fn.metricDuration({ statistic: Stats.percentile(99) }),
      threshold: thresholdMs,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    // "RefusedCalls" keeps the logical id of the alarm that counted the same refusals from log lines.
    const refusedCalls = this.alarm('RefusedCalls', {
      alarmDescription:
        `The plugin refused at least ${settings.refusedCallsPer5Minutes} calls for their token (401/403 ` +
        `${TOKEN_REFUSAL_CODES.join(', ')}) in 5 minutes: forged or stolen tokens, or a BioT misconfiguration. ` +
        `The dashboard shows them by code. ${changedBy(settings, ['refusedCallsPer5Minutes'])}`,
      metric: metrics.tokenRefusalsTotal(Duration.minutes(5)),
      threshold: settings.refusedCallsPer5Minutes,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    this.answersFailedPercent = this.errorRateMetric(metrics, props.hookTypes);
    const errorRate = this.alarm('ErrorRate', {
      alarmDescription:
        `More than ${settings.errorRatePercent}% of the plugin's answers were failures (status ≥ 500: ` +
        `a hook threw, timed out, or BioT failed under it) ${inFastWindow}. ` +
        changedBy(settings, ['errorRatePercent', ...fastKeys]),
      metric: this.answersFailedPercent,
      threshold: settings.errorRatePercent,
      ...fast,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    this.biotCallsFailedPercent = new MathExpression({
      expression: 'IF(calls > 0, 100 * FILL(failed, 0) / calls, 0)',
      usingMetrics: {
        calls: metrics.biotCallsTotal(FAST_PERIOD),
        failed: metrics.biotCallErrors(FAST_PERIOD),
      },
      period: FAST_PERIOD,
      label: 'BioT calls failed (%)',
    });
    const biotApiErrors = this.alarm('BiotApiErrors', {
      alarmDescription:
        `More than ${settings.biotApiErrorRatePercent}% of the plugin's BioT calls failed (5xx, network ` +
        `or timeout) ${inFastWindow}: BioT is failing, or the plugin calls it wrongly. The dashboard shows the routes. ` +
        changedBy(settings, ['biotApiErrorRatePercent', ...fastKeys]),
      metric: this.biotCallsFailedPercent,
      threshold: settings.biotApiErrorRatePercent,
      ...fast,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    const rollbackAlarms: IAlarm[] = [errorRate, biotApiErrors];
    const all: Alarm[] = [errors, throttles, durationNearTimeout, refusedCalls, errorRate, biotApiErrors];

    if (props.interceptorHookTypes.length > 0) {
      const interceptorLatency = this.alarm('InterceptorLatency', {
        alarmDescription:
          `The interceptors' p99 duration (${props.interceptorHookTypes.join(', ')}) is above their SLO of ` +
          `${settings.interceptorLatencySloMs} ms ${inFastWindow}: every BioT API call they intercept waits for it. ` +
          changedBy(settings, ['interceptorLatencySloMs', ...fastKeys]),
        metric: this.interceptorP99(metrics, props.interceptorHookTypes),
        threshold: settings.interceptorLatencySloMs,
        ...fast,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      });
      this.interceptorLatency = interceptorLatency;
      rollbackAlarms.push(interceptorLatency);
      all.push(interceptorLatency);
    }

    const notifications = props.hookTypes.includes('NOTIFICATION');
    if (notifications && settings.notificationSilenceMinutes !== undefined) {
      const minutes = settings.notificationSilenceMinutes;
      const notificationSilence = this.alarm('NotificationSilence', {
        alarmDescription:
          `The plugin received no notification from BioT in ${minutes} minutes: its subscriptions may be ` +
          'gone (`pnpm ops subscriptions`), the plugin disabled in BioT, or BioT down. ' +
          changedBy(settings, ['notificationSilenceMinutes']),
        metric: metrics.invocations('NOTIFICATION', Duration.minutes(minutes)),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        // No data is the silence itself.
        treatMissingData: TreatMissingData.BREACHING,
      });
      this.notificationSilence = notificationSilence;
      all.push(notificationSilence);
    }

    if (props.failedScheduledInvocations !== undefined) {
      // A run Scheduler could not start is lost unless a retry succeeds; the first failure is worth a look.
      const scheduleFailed = this.alarm('ScheduleFailed', {
        alarmDescription:
          "EventBridge Scheduler could not invoke the plugin's scheduled hook (throttled, denied or no function) at least once in 5 minutes.",
        metric: props.failedScheduledInvocations,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
      this.scheduleFailed = scheduleFailed;
      all.push(scheduleFailed);
    }
    this.errors = errors;
    this.throttles = throttles;
    this.durationNearTimeout = durationNearTimeout;
    this.refusedCalls = refusedCalls;
    this.errorRate = errorRate;
    this.biotApiErrors = biotApiErrors;
    this.rollbackAlarms = rollbackAlarms;
    this.all = all;

    if (props.alarmEmail !== undefined) {
      const topic = this.createTopic(props.production);
      topic.addSubscription(new EmailSubscription(props.alarmEmail));
      const action = new SnsAction(topic);
      for (const alarm of all) {
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
      }
      this.topic = topic;
    }
  }

  /** Missing data is no traffic, not a failure, unless the alarm says otherwise (silence). */
  private alarm(id: string, props: AlarmProps): Alarm {
    return new Alarm(this, id, { treatMissingData: TreatMissingData.NOT_BREACHING, ...props });
  }

  /**
   * Errors / Invocations in per cent, over every hook the plugin is called for, plus the calls
   * refused before their hook was known (UNKNOWN) while CloudWatch's limit of 10 metrics per alarm
   * allows (a plugin with all five hooks leaves UNKNOWN out; those are 4xx refusals but for a
   * misconfiguration, which the first real call shows too).
   */
  private errorRateMetric(metrics: PluginMetrics, hookTypes: readonly string[]): IMetric {
    const counted =
      (hookTypes.length + 1) * 2 <= MAX_ALARM_METRICS ? [...hookTypes, UNKNOWN_HOOK_TYPE] : [...hookTypes];
    const usingMetrics: Record<string, IMetric> = {};
    counted.forEach((hookType, index) => {
      usingMetrics[`errors${index}`] = metrics.errors(hookType, FAST_PERIOD);
      usingMetrics[`calls${index}`] = metrics.invocations(hookType, FAST_PERIOD);
    });
    const sum = (prefix: string) => counted.map((_, index) => `FILL(${prefix}${index}, 0)`).join(' + ');
    return new MathExpression({
      expression: `IF((${sum('calls')}) > 0, 100 * (${sum('errors')}) / (${sum('calls')}), 0)`,
      usingMetrics,
      period: FAST_PERIOD,
      label: 'answers failed (%)',
    });
  }

  /** The slowest interceptor's p99: one hook type's own metric, or the MAX of several. */
  private interceptorP99(metrics: PluginMetrics, hookTypes: readonly string[]): IMetric {
    const p99 = hookTypes.map((hookType) => metrics.duration(hookType, 'p99', FAST_PERIOD));
    if (p99.length === 1) return p99[0] as IMetric;
    const ids = p99.map((_, index) => `interceptor${index}`);
    return new MathExpression({
      expression: `MAX([${ids.join(', ')}])`,
      usingMetrics: Object.fromEntries(p99.map((metric, index) => [ids[index], metric])),
      period: FAST_PERIOD,
      label: 'slowest interceptor p99',
    });
  }

  /**
   * An SNS topic encrypted with its own key. CloudWatch cannot publish to a topic encrypted with the
   * AWS-managed aws/sns key (its policy cannot grant CloudWatch), hence a customer-managed key whose
   * policy lets CloudWatch use it, and a topic policy that lets this account's alarms publish:
   * `enforceSSL` adds a topic policy, which replaces SNS's default owner-only policy.
   */
  private createTopic(production: boolean): Topic {
    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the BioT plugin alarm topic',
      enableKeyRotation: true,
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToUseTheKey',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    const topic = new Topic(this, 'Topic', {
      displayName: 'BioT plugin alarms',
      masterKey: key,
      enforceSSL: true,
    });
    topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowThisAccountsAlarmsToPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*`,
          },
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        },
      }),
    );
    return topic;
  }
}

/**
 * The sentence of an alarm's description that tells the operator reading the alarm e-mail where
 * its threshold comes from and how to change it: the keys, with the values this stack was built with.
 */
function changedBy(settings: ResolvedAlarmSettings, keys: readonly (keyof AlarmSettings)[]): string {
  const named = keys.map((key) => `alarms.${key} = ${settings[key]}`);
  const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  return (
    `Threshold: ${list}; change ${named.length === 1 ? 'it' : 'them'} in infra/config/environments.ts, for the environment or in the ` +
    "plugin's entry."
  );
}
