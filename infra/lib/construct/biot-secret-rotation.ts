import { ENV } from '@biot-plugin/core';
import { esbuildOptions, target } from '@biot-plugin/workspace';
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret, RotationSchedule } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { retentionOf } from './log-retention.js';
import { bundlingFromEsbuildOptions, lambdaRuntimeForTarget } from './runtime-bundling.js';

/** The tag the rotation Lambda writes on the secret when a step fails (packages/rotation). */
export const ROTATION_FAILURE_TAG = 'biot-plugin:rotation-failure';

/** BioT's own plugin default is 30 days between rotations. */
export const DEFAULT_ROTATION_INTERVAL_DAYS = 30;

export interface BiotSecretRotationProps {
  readonly pluginName: string;
  readonly biotBaseUrl: string;
  readonly serviceUserId: string;
  /** The plugin's service-user secret, rotated in place. */
  readonly secret: ISecret;
  readonly rotationIntervalDays?: number;
  readonly logRetentionDays: number;
  readonly removalPolicy: RemovalPolicy;
  /** packages/rotation/src/handler.ts */
  readonly entry: string;
  readonly projectRoot: string;
  readonly depsLockFilePath: string;
}

/**
 * Rotates the plugin's BioT service-user key on a schedule with the rotation Lambda of
 * packages/rotation: a new BioT key becomes AWSCURRENT while the previous one stays valid, so
 * warm plugin containers holding it keep working (README, "Operate").
 */
export class BiotSecretRotation extends Construct {
  readonly function: NodejsFunction;
  readonly schedule: RotationSchedule;

  constructor(scope: Construct, id: string, props: BiotSecretRotationProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'LogGroup', {
      retention: retentionOf(props.logRetentionDays),
      removalPolicy: props.removalPolicy,
    });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Rotates the BioT service-user key of plugin ${props.pluginName}`,
    });
    logGroup.grantWrite(role);

    this.function = new NodejsFunction(this, 'Function', {
      description: `Rotates the BioT service-user key of plugin ${props.pluginName}`,
      entry: props.entry,
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: props.depsLockFilePath,
      runtime: lambdaRuntimeForTarget(target),
      architecture: Architecture.ARM_64,
      memorySize: 256,
      // Four short steps, each a few BioT calls bounded by BIOT_HTTP_TIMEOUT_MS and its retries.
      timeout: Duration.seconds(60),
      role,
      logGroup,
      environment: {
        [ENV.baseUrl]: props.biotBaseUrl,
        [ENV.serviceUserId]: props.serviceUserId,
        POWERTOOLS_SERVICE_NAME: `${props.pluginName}-rotation`,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: bundlingFromEsbuildOptions(esbuildOptions),
    });

    // A failed step is tagged on the secret, since DescribeSecret says nothing else about it.
    role.addToPolicy(
      new PolicyStatement({
        actions: ['secretsmanager:TagResource', 'secretsmanager:UntagResource'],
        resources: [props.secret.secretFullArn ?? `${props.secret.secretArn}-??????`],
        conditions: { 'ForAllValues:StringEquals': { 'aws:TagKeys': [ROTATION_FAILURE_TAG] } },
      }),
    );

    // RotationSchedule grants this function Describe/Get/Put/UpdateVersionStage on this secret only.
    this.schedule = props.secret.addRotationSchedule('Schedule', {
      rotationLambda: this.function,
      automaticallyAfter: Duration.days(props.rotationIntervalDays ?? DEFAULT_ROTATION_INTERVAL_DAYS),
      // Deploying must not rotate: the first key is set by ops (`pnpm ops secret-set`).
      rotateImmediatelyOnUpdate: false,
    });

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'RotationSchedule adds secretsmanager:GetRandomPassword on "*" to every rotation function; the ' +
        'action has no resource type, generates random text and reads no secret. This rotation never ' +
        'calls it (BioT generates the key). Every other statement names the one secret or the log group.',
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: `The runtime follows the shared esbuild target (${target}), as the plugin function does.`,
    });
  }
}
