import { ENV } from '@biot-plugin/core';
import {
  canonicalSubscriptions,
  type DeclaredSubscriptions,
} from '@biot-plugin/subscriptions/declared-subscriptions';
import { CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, IFunction, IFunctionUrl } from 'aws-cdk-lib/aws-lambda';
import { type ILogGroup, LogGroup } from 'aws-cdk-lib/aws-logs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { LogLevel, LogRetentionDays } from '../settings/plugin-settings.js';
import { BiotLambda, type WorkspaceBundling } from './biot-lambda.js';
import { retentionOf } from './log-retention.js';
import type { ServiceUserKey } from './service-user-secret.js';

export interface BiotSubscriptionsProps {
  /**
   * What BioT calls the plugin for (checked before: `deployedSubscriptions`). Both lists may be
   * empty; then BioT keeps nothing subscribed for the URL.
   */
  readonly subscriptions: DeclaredSubscriptions;
  /** The plugin's Function URL: the endpoint BioT calls. */
  readonly functionUrl: IFunctionUrl;
  /**
   * Who registration logs in as: the plugin's operations user and its secret (or, without one, the
   * plugin's own service user). The registration Lambda may read this one secret.
   */
  readonly registrant: ServiceUserKey;
  readonly pluginName: string;
  readonly biotBaseUrl: string;
  /** Retains the log groups when the stack is deleted, as the plugin's own. */
  readonly production: boolean;
  readonly logRetentionDays: LogRetentionDays;
  readonly logLevel: LogLevel;
  readonly biotTimeoutMs: number;
  readonly biotRetryLimit: number;
  /** packages/subscriptions/src/lambda-handler.ts */
  readonly entry: string;
  readonly bundling: WorkspaceBundling;
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
 * whose Lambda logs in as the registrant (the plugin's operations user) and makes BioT's dispatcher subscriptions
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
    const registrant = props.registrant;

    // Replacing the registration Lambda is harmless: the resource's next event reconciles again.
    const lambda = new BiotLambda(this, 'Handler', {
      description: `Registers the BioT plugin ${props.pluginName} with BioT (subscriptions custom resource)`,
      entry: props.entry,
      bundling: props.bundling,
      memoryMb: 256,
      timeout: REGISTRATION_TIMEOUT,
      logRetentionDays: props.logRetentionDays,
      removalPolicy,
      // The subscriptions package logs in as "the service user" of these variables: here the registrant.
      environment: {
        [ENV.baseUrl]: props.biotBaseUrl,
        [ENV.serviceUserId]: registrant.serviceUserId,
        [ENV.serviceUserSecretArn]: registrant.secret.secretArn,
        [ENV.httpTimeoutMs]: String(props.biotTimeoutMs),
        [ENV.httpRetryLimit]: String(props.biotRetryLimit),
        [ENV.logLevel]: props.logLevel,
      },
    });
    const handler = lambda.function;
    // This one secret, read only.
    registrant.secret.grantRead(handler);
    this.handler = handler;
    this.logGroup = lambda.logGroup;

    const frameworkLogGroup = new LogGroup(this, 'ProviderLogGroup', {
      retention: retentionOf(props.logRetentionDays),
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
