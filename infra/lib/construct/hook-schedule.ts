import type { PluginSchedule } from '@biot-plugin/runtime';
import { Aws, RemovalPolicy, TimeZone } from 'aws-cdk-lib';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleGroup,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';

export interface HookScheduleProps {
  /**
   * What the schedule invokes: the plugin function's `live` alias, directly, never through its
   * Function URL, so a scheduled run uses the version BioT's calls do.
   */
  readonly function: IFunction;
  /** The plugin definition's `schedule`. */
  readonly schedule: PluginSchedule;
  readonly pluginName: string;
}

/**
 * Runs the plugin's scheduled hook: an EventBridge Scheduler schedule that invokes the function
 * directly, authorised by IAM. Through the Function URL the same call would need one of BioT's
 * service tokens, which a schedule does not have; the runtime takes a direct invocation as the
 * scheduled hook (source `invoke`). The schedule has a group of its own because Scheduler
 * publishes its metrics per group: that makes `failedInvocations` this plugin's.
 */
export class HookSchedule extends Construct {
  readonly schedule: Schedule;
  readonly group: ScheduleGroup;
  /** The role Scheduler assumes: it may invoke this one function and nothing else. */
  readonly role: Role;
  /**
   * Scheduler's failed attempts to invoke the function (TargetErrorCount: throttled, denied, not
   * found). Lambda invokes asynchronously, so the hook's own errors count in the function's Errors.
   */
  readonly failedInvocations: IMetric;

  constructor(scope: Construct, id: string, props: HookScheduleProps) {
    super(scope, id);
    // Holds nothing but the schedule, which the stack recreates from the definition.
    this.group = new ScheduleGroup(this, 'Group', { removalPolicy: RemovalPolicy.DESTROY });

    this.role = new Role(this, 'Role', {
      // Only schedules of this account's group may use the role (the confused-deputy guard AWS advises).
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID, 'aws:SourceArn': this.group.scheduleGroupArn },
        },
      }),
      description: `Lets EventBridge Scheduler run the scheduled hook of BioT plugin ${props.pluginName}`,
      // Inline, so the permission exists as soon as the role does and the schedule's first run has it.
      inlinePolicies: {
        InvokeThePluginFunction: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ['lambda:InvokeFunction'],
              resources: [props.function.functionArn],
            }),
          ],
        }),
      },
    });

    const { expression, timezone } = props.schedule;
    const role = this.role;
    this.schedule = new Schedule(this, 'Schedule', {
      description: `Runs the scheduled hook of BioT plugin ${props.pluginName}`,
      schedule: ScheduleExpression.expression(
        expression,
        timezone === undefined ? undefined : TimeZone.of(timezone),
      ),
      scheduleGroup: this.group,
      target: {
        bind: () => ({
          arn: props.function.functionArn,
          role,
          // The hook's event body: when this run was due, so a late or repeated run can tell.
          input: ScheduleTargetInput.fromObject({
            scheduleArn: ContextAttribute.scheduleArn,
            scheduledTime: ContextAttribute.scheduledTime,
          }),
        }),
      },
    });
    this.failedInvocations = this.group.metricTargetErrors({ statistic: 'Sum' });
  }
}
