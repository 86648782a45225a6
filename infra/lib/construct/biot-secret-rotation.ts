import { ENV, ROTATION_FAILURE_TAG } from '@biot-plugin/core';
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { RotationSchedule } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { LogLevel, LogRetentionDays } from '../settings/plugin-settings.js';
import { BiotLambda, type WorkspaceBundling } from './biot-lambda.js';
import type { ServiceUserKey } from './service-user-secret.js';

export interface BiotSecretRotationProps {
  /** Whose key is rotated, for descriptions: "the plugin user of example". */
  readonly subject: string;
  /** POWERTOOLS_SERVICE_NAME of its logs, e.g. `example-rotation`. */
  readonly serviceName: string;
  readonly biotBaseUrl: string;
  /** The service user whose key the secret holds: its key is replaced in place. */
  readonly rotated: ServiceUserKey;
  /**
   * The service user the rotation logs in as to create, list and delete the rotated user's keys
   * (the plugin's operations user). The Lambda may read its secret, and only that one besides.
   * @default - the rotated user itself, with the key in its secret's AWSCURRENT
   */
  readonly operator?: ServiceUserKey;
  readonly rotationIntervalDays: number;
  readonly logRetentionDays: LogRetentionDays;
  readonly logLevel: LogLevel;
  readonly biotTimeoutMs: number;
  readonly biotRetryLimit: number;
  readonly removalPolicy: RemovalPolicy;
  /** packages/rotation/src/handler.ts */
  readonly entry: string;
  readonly bundling: WorkspaceBundling;
}

/**
 * Rotates one BioT service-user key on a schedule with the rotation Lambda of packages/rotation:
 * a new BioT key becomes AWSCURRENT while the previous one stays valid, so warm containers holding
 * it keep working (README, "Operate").
 */
export class BiotSecretRotation extends Construct {
  readonly function: IFunction;
  readonly schedule: RotationSchedule;

  constructor(scope: Construct, id: string, props: BiotSecretRotationProps) {
    super(scope, id);
    const { rotated, operator } = props;
    // "Default": the plugin secret's rotation keeps the logical ids it had before BiotLambda existed.
    const lambda = new BiotLambda(this, 'Default', {
      description: `Rotates the BioT key of ${props.subject}`,
      entry: props.entry,
      bundling: props.bundling,
      memoryMb: 256,
      // Four short steps, each a few BioT calls bounded by BIOT_HTTP_TIMEOUT_MS and its retries.
      timeout: Duration.seconds(60),
      logRetentionDays: props.logRetentionDays,
      removalPolicy: props.removalPolicy,
      environment: {
        [ENV.baseUrl]: props.biotBaseUrl,
        [ENV.serviceUserId]: rotated.serviceUserId,
        [ENV.httpTimeoutMs]: String(props.biotTimeoutMs),
        [ENV.httpRetryLimit]: String(props.biotRetryLimit),
        [ENV.logLevel]: props.logLevel,
        ...(operator === undefined
          ? {}
          : {
              [ENV.operationsUserId]: operator.serviceUserId,
              [ENV.operationsSecretArn]: operator.secret.secretArn,
            }),
        POWERTOOLS_SERVICE_NAME: props.serviceName,
      },
    });
    this.function = lambda.function;
    // The operator's key, read only: the rotation logs in with it and never changes it.
    operator?.secret.grantRead(lambda.function);

    // A failed step is tagged on the secret, since DescribeSecret says nothing else about it.
    lambda.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['secretsmanager:TagResource', 'secretsmanager:UntagResource'],
        resources: [rotated.secret.secretFullArn ?? `${rotated.secret.secretArn}-??????`],
        conditions: { 'ForAllValues:StringEquals': { 'aws:TagKeys': [ROTATION_FAILURE_TAG] } },
      }),
    );

    // RotationSchedule grants this function Describe/Get/Put/UpdateVersionStage on this secret only.
    this.schedule = rotated.secret.addRotationSchedule('Schedule', {
      rotationLambda: lambda.function,
      automaticallyAfter: Duration.days(props.rotationIntervalDays),
      // Deploying must not rotate: the first key is set by ops (`pnpm ops secret-set`).
      rotateImmediatelyOnUpdate: false,
    });

    Validations.of(lambda.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'RotationSchedule adds secretsmanager:GetRandomPassword on "*" to every rotation function; the ' +
        'action has no resource type, generates random text and reads no secret. This rotation never ' +
        'calls it (BioT generates the key). Every other statement names one secret or the log group.',
    });
  }
}
