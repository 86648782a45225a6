import { DEFAULTS, ENV } from '@biot-plugin/core';
import {
  canonicalSubscriptions,
  type DeclaredSubscriptions,
} from '@biot-plugin/subscriptions/declared-subscriptions';
import { esbuildOptions, target } from '@biot-plugin/workspace';
import { CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, type IFunction, type IFunctionUrl } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { type ILogGroup, LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { LogLevel } from '../settings/plugin-settings.js';
import { retentionOf } from './log-retention.js';
import { bundlingFromEsbuildOptions, lambdaRuntimeForTarget } from './runtime-bundling.js';

export interface BiotSubscriptionsProps {
  /**
   * What BioT calls the plugin for (checked before: `deployedSubscriptions`). Both lists may be
   * empty; then BioT keeps nothing subscribed for the URL.
   */
  readonly subscriptions: DeclaredSubscriptions;
  /** The plugin's Function URL: the endpoint BioT calls. */
  readonly functionUrl: IFunctionUrl;
  /** The plugin's service-user secret; registration logs in as the plugin's own service user. */
  readonly secret: ISecret;
  readonly pluginName: string;
  readonly biotBaseUrl: string;
  readonly serviceUserId: string;
  /** Retains the log groups when the stack is deleted, as the plugin's own. */
  readonly production: boolean;
  readonly logRetentionDays: number;
  readonly logLevel?: LogLevel;
  /** packages/subscriptions/src/lambda-handler.ts */
  readonly entry: string;
  readonly projectRoot: string;
  readonly depsLockFilePath: string;
}

/**
 * Bounds one registration. The handler stops its BioT calls 5 s before this (answerMarginMs), so
 * CloudFormation gets a FAILED with BioT's reason rather than a Lambda timeout.
 */
export const REGISTRATION_TIMEOUT = Duration.minutes(2);

/**
 * How long CloudFormation waits for the answer (the default is an hour): the handler's timeout,
 * plus the Provider framework's invoke and reply. Past it the stack fails instead of hanging.
 */
export const REGISTRATION_SERVICE_TIMEOUT = Duration.minutes(5);

export const SUBSCRIPTIONS_RESOURCE_TYPE = 'Custom::BiotSubscriptions';

/**
 * Registers the plugin with BioT as part of the stack: a custom resource (Provider framework)
 * whose Lambda logs in as the plugin's service user and makes BioT's dispatcher subscriptions
 * for the Function URL equal to the declared set on create and update, and removes them on
 * delete. Its properties are the Function URL and the declared set in canonical order, so a
 * reordered config file triggers no update.
 */
export class BiotSubscriptions extends Construct {
  readonly handler: IFunction;
  readonly provider: Provider;
  readonly resource: CustomResource;
  readonly logGroup: ILogGroup;
  /** What the last registration did, for a stack output ("BioT has 2 notification and ..."). */
  readonly summary: string;

  constructor(scope: Construct, id: string, props: BiotSubscriptionsProps) {
    super(scope, id);
    const removalPolicy = props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const retention = retentionOf(props.logRetentionDays);

    this.logGroup = new LogGroup(this, 'LogGroup', { retention, removalPolicy });
    // Its own role instead of AWSLambdaBasicExecutionRole: logs go to this log group only.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Registers the BioT plugin ${props.pluginName} with BioT's dispatcher`,
    });
    this.logGroup.grantWrite(role);

    const handler = new NodejsFunction(this, 'Handler', {
      description: `Registers the BioT plugin ${props.pluginName} with BioT (subscriptions custom resource)`,
      entry: props.entry,
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: props.depsLockFilePath,
      runtime: lambdaRuntimeForTarget(target),
      architecture: Architecture.ARM_64,
      memorySize: 256,
      timeout: REGISTRATION_TIMEOUT,
      role,
      logGroup: this.logGroup,
      environment: {
        [ENV.baseUrl]: props.biotBaseUrl,
        [ENV.serviceUserId]: props.serviceUserId,
        [ENV.serviceUserSecretArn]: props.secret.secretArn,
        [ENV.httpTimeoutMs]: String(DEFAULTS.httpTimeoutMs),
        [ENV.httpRetryLimit]: String(DEFAULTS.httpRetryLimit),
        [ENV.logLevel]: props.logLevel ?? DEFAULTS.logLevel,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: bundlingFromEsbuildOptions(esbuildOptions),
    });
    // This one secret, read only: the same key the plugin logs in with.
    props.secret.grantRead(handler);
    this.handler = handler;

    const frameworkLogGroup = new LogGroup(this, 'ProviderLogGroup', {
      retention,
      removalPolicy,
    });
    const frameworkRole = new Role(this, 'ProviderRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the CDK Provider framework for the BioT subscriptions of ${props.pluginName}`,
    });
    frameworkLogGroup.grantWrite(frameworkRole);
    // No isCompleteHandler, so no totalTimeout: the framework calls the handler once, synchronously,
    // and REGISTRATION_TIMEOUT bounds that call.
    this.provider = new Provider(this, 'Provider', {
      onEventHandler: handler,
      frameworkOnEventRole: frameworkRole,
      logGroup: frameworkLogGroup,
    });

    const declared = canonicalSubscriptions(props.subscriptions);
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.provider.serviceToken,
      resourceType: SUBSCRIPTIONS_RESOURCE_TYPE,
      serviceTimeout: REGISTRATION_SERVICE_TIMEOUT,
      properties: {
        endpoint: props.functionUrl.url,
        notifications: declared.notifications,
        interceptions: declared.interceptions,
      },
    });
    this.summary = this.resource.getAttString('Summary');

    this.acknowledgeNagFindings(handler, frameworkRole);
  }

  /** AwsSolutions findings that are accepted on purpose; the README lists them with these reasons. */
  private acknowledgeNagFindings(handler: NodejsFunction, frameworkRole: Role): void {
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        `The registration Lambda is bundled with the runtime's esbuild options (target ${target}) and ` +
        'shares the BioT client with the plugin, so it runs on the same Node.js version the runtime is ' +
        'built and tested for. nodejs22.x is a supported Lambda runtime until Node.js 22 reaches end of life.',
    });
    // Precisely this finding: the handler's ARN followed by ":*", as cdk-nag names it.
    const handlerLogicalId = Stack.of(this).getLogicalId(handler.node.defaultChild as CfnFunction);
    Validations.of(frameworkRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${handlerLogicalId}.Arn>:*]`,
      reason:
        "The CDK Provider framework's own grant: lambda:InvokeFunction on the registration Lambda and " +
        'its versions and aliases (ARN:*), which it calls for every CloudFormation event. The resource is ' +
        'that one function; no other function may be invoked.',
    });
  }
}
