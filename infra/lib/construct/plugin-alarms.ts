import { TOKEN_REFUSAL_CODES } from '@biot-plugin/core';
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IAlarm,
  type IMetric,
  Stats,
  TreatMissingData,
  Unit,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type IFilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface PluginAlarmsProps {
  readonly function: IFunction;
  /** The function's log group: the refused calls are counted from the runtime's log lines. */
  readonly logGroup: ILogGroup;
  readonly timeout: Duration;
  /** The plugin's name and BioT environment: the runtime writes them on every line (`appName`, `environment`). */
  readonly pluginName: string;
  readonly biotEnvironment: string;
  /** Refusals in 5 minutes that make RefusedCalls fire. */
  readonly refusedCallsThreshold: number;
  /** @default - alarms change state in the console only */
  readonly alarmEmail?: string;
  /** Keeps the topic's key when the stack is deleted. */
  readonly production: boolean;
  /** The plugin's schedule's failed invocations (HookSchedule), for a plugin with a scheduled hook. */
  readonly failedScheduledInvocations?: IMetric;
}

/**
 * What the runtime logs when it refuses a call (packages/runtime, pipeline/create-handler.ts): a
 * WARN line with this message, the answer's `statusCode` and BioT error `code`.
 */
export const REFUSAL_LOG_MESSAGE = 'Event refused';

/** The refusals metric: one per plugin and BioT environment, from the function's log lines. */
export const REFUSED_CALLS_METRIC = { namespace: 'BiotPlugin', name: 'RefusedCalls' } as const;

/** The p99 duration alarm fires at this share of the timeout: slow enough to matter, early enough to act. */
export const DURATION_ALARM_SHARE_OF_TIMEOUT = 0.8;

/**
 * Errors, throttles and p99 duration near the timeout for one plugin function, failed runs of its
 * schedule when it has one, and when an e-mail is configured an encrypted SNS topic that the
 * alarms notify (on ALARM and back on OK).
 */
export class PluginAlarms extends Construct {
  readonly errors: IAlarm;
  readonly throttles: IAlarm;
  readonly durationNearTimeout: IAlarm;
  /** Calls refused for their token: a flood of forged or stolen calls, or a BioT misconfiguration. */
  readonly refusedCalls: IAlarm;
  readonly refusedCallsMetric: IMetric;
  /** Present for a plugin with a schedule. */
  readonly scheduleFailed?: IAlarm;
  /** Present when an e-mail is configured. */
  readonly topic?: ITopic;

  constructor(scope: Construct, id: string, props: PluginAlarmsProps) {
    super(scope, id);
    const fn = props.function;

    // Lambda's Errors metric counts crashes and timeouts; errors the runtime answers as HTTP
    // responses (a blocked interceptor, a BioT API error) are not failures of the plugin.
    const errors = new Alarm(this, 'Errors', {
      alarmDescription:
        'The BioT plugin function failed (unhandled error or timeout) at least once in 5 minutes.',
      metric: fn.metricErrors({ statistic: Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    // A throttled interceptor fails the BioT API call it intercepts.
    const throttles = new Alarm(this, 'Throttles', {
      alarmDescription: 'BioT called the plugin but Lambda throttled it (concurrency exhausted).',
      metric: fn.metricThrottles({ statistic: Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const thresholdMs = Math.round(props.timeout.toMilliseconds() * DURATION_ALARM_SHARE_OF_TIMEOUT);
    const durationNearTimeout = new Alarm(this, 'DurationNearTimeout', {
      alarmDescription: `p99 duration is above ${thresholdMs} ms, ${DURATION_ALARM_SHARE_OF_TIMEOUT * 100}% of the timeout, in 2 of 3 periods of 5 minutes.`,
      metric: fn.metricDuration({ statistic: Stats.percentile(99) }),
      threshold: thresholdMs,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.refusedCallsMetric = this.refusedCallsFilter(props);
    const refusedCalls = new Alarm(this, 'RefusedCalls', {
      alarmDescription:
        `The plugin refused at least ${props.refusedCallsThreshold} calls for their token (401/403 ` +
        `${TOKEN_REFUSAL_CODES.join(', ')}) in 5 minutes: forged or stolen tokens, or a BioT misconfiguration.`,
      metric: this.refusedCallsMetric,
      threshold: props.refusedCallsThreshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.errors = errors;
    this.throttles = throttles;
    this.durationNearTimeout = durationNearTimeout;
    this.refusedCalls = refusedCalls;
    const alarms = [errors, throttles, durationNearTimeout, refusedCalls];

    if (props.failedScheduledInvocations !== undefined) {
      // A run Scheduler could not start is lost unless a retry succeeds; the first failure is worth a look.
      const scheduleFailed = new Alarm(this, 'ScheduleFailed', {
        alarmDescription:
          "EventBridge Scheduler could not invoke the plugin's scheduled hook (throttled, denied or no function) at least once in 5 minutes.",
        metric: props.failedScheduledInvocations,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      this.scheduleFailed = scheduleFailed;
      alarms.push(scheduleFailed);
    }

    if (props.alarmEmail !== undefined) {
      const topic = this.createTopic(props.production);
      topic.addSubscription(new EmailSubscription(props.alarmEmail));
      const action = new SnsAction(topic);
      for (const alarm of alarms) {
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
      }
      this.topic = topic;
    }
  }

  /**
   * Counts the runtime's refusal lines with a token refusal code. The dimensions come from the
   * line itself (`appName`, `environment` are on every line), so two environments in one account
   * count apart.
   */
  private refusedCallsFilter(props: PluginAlarmsProps): IMetric {
    const filter = new MetricFilter(this, 'RefusedCallsFilter', {
      logGroup: props.logGroup,
      filterPattern: refusedCallsPattern(),
      metricNamespace: REFUSED_CALLS_METRIC.namespace,
      metricName: REFUSED_CALLS_METRIC.name,
      metricValue: '1',
      dimensions: { Plugin: '$.appName', Environment: '$.environment' },
      unit: Unit.COUNT,
    });
    return filter.metric({
      statistic: Stats.SUM,
      period: Duration.minutes(5),
      dimensionsMap: { Plugin: props.pluginName, Environment: props.biotEnvironment },
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

/** `{ ($.message = "Event refused") && (($.code = "JWT_MISSING") || …) }` */
export function refusedCallsPattern(): IFilterPattern {
  return FilterPattern.all(
    FilterPattern.stringValue('$.message', '=', REFUSAL_LOG_MESSAGE),
    FilterPattern.any(...TOKEN_REFUSAL_CODES.map((code) => FilterPattern.stringValue('$.code', '=', code))),
  );
}
