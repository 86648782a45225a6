import { Aws, type Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IAlarm,
  type IMetric,
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

export interface PluginAlarmsProps {
  readonly function: IFunction;
  readonly timeout: Duration;
  /** @default - alarms change state in the console only */
  readonly alarmEmail?: string;
  /** Keeps the topic's key when the stack is deleted. */
  readonly production: boolean;
  /** The plugin's schedule's failed invocations (HookSchedule), for a plugin with a scheduled hook. */
  readonly failedScheduledInvocations?: IMetric;
}

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
    this.errors = errors;
    this.throttles = throttles;
    this.durationNearTimeout = durationNearTimeout;
    const alarms = [errors, throttles, durationNearTimeout];

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
