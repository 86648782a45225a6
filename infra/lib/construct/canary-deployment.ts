import { Duration, Validations } from 'aws-cdk-lib';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { LambdaDeploymentConfig, LambdaDeploymentGroup, TrafficRouting } from 'aws-cdk-lib/aws-codedeploy';
import type { Alias } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { CanarySettings } from '../settings/plugin-settings.js';

export interface CanaryDeploymentProps {
  /** The `live` alias: CodeDeploy moves it from the old version to the new one. */
  readonly alias: Alias;
  readonly canary: CanarySettings;
  /** Any of these in ALARM during the shift stops it and moves `live` back to the old version. */
  readonly rollbackAlarms: readonly IAlarm[];
  readonly pluginName: string;
}

/**
 * A production deploy of the plugin as a CodeDeploy canary: `canary.percent` of the calls to
 * `live` go to the new version for `canary.minutes`, then all of them. When one of the rollback
 * alarms fires in between (or the deployment fails), CodeDeploy points `live` back at the old
 * version and CloudFormation rolls the stack update back. BioT keeps calling the same URL
 * throughout: the Function URL belongs to the alias.
 */
export class CanaryDeployment extends Construct {
  readonly group: LambdaDeploymentGroup;
  readonly config: LambdaDeploymentConfig;

  constructor(scope: Construct, id: string, props: CanaryDeploymentProps) {
    super(scope, id);
    const { percent, minutes } = props.canary;
    this.config = new LambdaDeploymentConfig(this, 'Config', {
      trafficRouting: TrafficRouting.timeBasedCanary({
        interval: Duration.minutes(minutes),
        percentage: percent,
      }),
    });
    this.group = new LambdaDeploymentGroup(this, 'Group', {
      alias: props.alias,
      deploymentConfig: this.config,
      alarms: [...props.rollbackAlarms],
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
    });
    Validations.of(this.group.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      reason:
        `CodeDeploy's service role for the canary deploys of BioT plugin ${props.pluginName}: the CDK ` +
        'LambdaDeploymentGroup always attaches this AWS-managed policy, the narrow one AWS keeps for ' +
        'Lambda deployments (read alarms, read and update aliases, invoke only CodeDeployHook_* functions).',
    });
  }
}
