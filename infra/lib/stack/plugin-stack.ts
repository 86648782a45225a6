import { fileURLToPath } from 'node:url';
import { hooksCalledBy, type PluginDefinition } from '@biot-plugin/runtime';
import type { DeclaredSubscriptions } from '@biot-plugin/subscriptions/declared-subscriptions';
import { CfnOutput, RemovalPolicy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { BiotPlugin } from '../construct/biot-plugin.js';
import { BiotSecretRotation } from '../construct/biot-secret-rotation.js';
import { BiotSubscriptions } from '../construct/biot-subscriptions.js';
import { type ServiceUserKey, serviceUserSecret } from '../construct/service-user-secret.js';
import type { PluginDeployment } from '../settings/environment-config.js';
import { withDefaults } from '../settings/plugin-settings.js';

export interface PluginStackProps extends StackProps {
  /** The plugin in this environment, its settings resolved from the config. */
  readonly deployment: PluginDeployment;
  /** The plugin's definition: its name and schedule. */
  readonly definition: PluginDefinition;
  /** What the stack registers with BioT: the definition's or the environment's (`deployedSubscriptions`). */
  readonly subscriptions: DeclaredSubscriptions;
  /** The plugin's `src/handler.ts`, exporting `handler`: the function's bundle entry. */
  readonly handlerFile: string;
}

/** The repository root, where the Lambdas are bundled from, and the framework's own entries. */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * One plugin in one environment: the BiotPlugin construct, the rotation of its service-user key
 * (BiotSecretRotation), its registration with BioT (BiotSubscriptions), with an operations user
 * its secret and that secret's own rotation, and the outputs ops need. Each construct gets its
 * props one by one, the defaults applied (`withDefaults`), never the config spread.
 */
export class PluginStack extends Stack {
  readonly plugin: BiotPlugin;
  readonly rotation: BiotSecretRotation;
  readonly subscriptions: BiotSubscriptions;
  /** Present when the plugin has an operations user (`operationsUserId`). */
  readonly operationsUser?: ServiceUserKey;
  /** The rotation of the operations user's own key, when there is one. */
  readonly operationsRotation?: BiotSecretRotation;

  constructor(scope: Construct, id: string, props: PluginStackProps) {
    const { deployment, definition, subscriptions, handlerFile, ...stackProps } = props;
    const { pluginName, environmentName } = deployment;
    super(scope, id, {
      description: `BioT plugin ${pluginName} (${environmentName})`,
      terminationProtection: deployment.production,
      ...stackProps,
    });
    // Not on the dashboard: CloudFormation's schema for it had no Tags until recently, and cfn-lint's
    // (test/integration/cfn-lint.test.ts) still has none; a dashboard is found by its name, the stack's.
    const untagged = { excludeResourceTypes: ['AWS::CloudWatch::Dashboard'] };
    Tags.of(this).add('biot-plugin:plugin', pluginName, untagged);
    Tags.of(this).add('biot-plugin:environment', environmentName, untagged);
    const bundling = { projectRoot: repoRoot };
    const settings = withDefaults(deployment);
    const removalPolicy = settings.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const biot = {
      biotBaseUrl: settings.biotBaseUrl,
      biotTimeoutMs: settings.biotTimeoutMs,
      biotRetryLimit: settings.biotRetryLimit,
    };

    this.plugin = new BiotPlugin(this, 'Plugin', {
      pluginName,
      production: settings.production,
      ...biot,
      biotEnvironment: settings.biotEnvironment,
      serviceUserId: settings.serviceUserId,
      existingSecretArn: settings.existingSecretArn,
      memoryMb: settings.memoryMb,
      timeoutSeconds: settings.timeoutSeconds,
      reservedConcurrency: settings.reservedConcurrency,
      logRetentionDays: settings.logRetentionDays,
      logLevel: settings.logLevels.plugin,
      alarmEmail: settings.alarmEmail,
      jwt: settings.jwt,
      secretMaxAgeSeconds: settings.secretMaxAgeSeconds,
      publicKeyMaxAgeSeconds: settings.publicKeyMaxAgeSeconds,
      repeatCheckAcrossContainers: settings.repeatCheckAcrossContainers,
      alarmSettings: settings.alarms,
      canary: settings.canary,
      calledHooks: hooksCalledBy(subscriptions, definition.schedule),
      dashboardName: this.stackName,
      schedule: definition.schedule,
      entry: handlerFile,
      bundling,
    });
    const pluginUser = { serviceUserId: settings.serviceUserId, secret: this.plugin.secret };

    // The operations user: rotation and registration log in as it, so the internet-facing plugin's
    // own user needs none of their BioT permissions, and the plugin function cannot read its key.
    if (settings.operationsUserId !== undefined) {
      const secret = serviceUserSecret(this, 'OperationsSecret', {
        description: `BioT operations-user key of plugin ${pluginName}`,
        existingSecretArn: settings.existingOperationsSecretArn,
        removalPolicy,
      });
      this.operationsUser = { serviceUserId: settings.operationsUserId, secret };
    }
    const rotationProps = {
      ...biot,
      rotationIntervalDays: settings.rotationIntervalDays,
      logRetentionDays: settings.logRetentionDays,
      logLevel: settings.logLevels.rotation,
      removalPolicy,
      entry: `${repoRoot}packages/rotation/src/handler.ts`,
      bundling,
    };
    this.rotation = new BiotSecretRotation(this, 'SecretRotation', {
      ...rotationProps,
      subject: `the service user of plugin ${pluginName}`,
      serviceName: `${pluginName}-rotation`,
      rotated: pluginUser,
      ...(this.operationsUser === undefined ? {} : { operator: this.operationsUser }),
    });
    if (this.operationsUser !== undefined) {
      // Its own rotation: the operations user mints its own next key, as the plugin user once did.
      this.operationsRotation = new BiotSecretRotation(this, 'OperationsSecretRotation', {
        ...rotationProps,
        subject: `the operations user of plugin ${pluginName}`,
        serviceName: `${pluginName}-operations-rotation`,
        rotated: this.operationsUser,
      });
    }

    this.subscriptions = new BiotSubscriptions(this, 'Subscriptions', {
      subscriptions,
      functionUrl: this.plugin.functionUrl,
      registrant: this.operationsUser ?? pluginUser,
      pluginName,
      ...biot,
      production: settings.production,
      logRetentionDays: settings.logRetentionDays,
      logLevel: settings.logLevels.registration,
      entry: `${repoRoot}packages/subscriptions/src/lambda-handler.ts`,
      bundling,
    });

    new CfnOutput(this, 'FunctionUrl', {
      description: "The plugin's endpoint; the stack subscribes it in BioT (the plugin's subscriptions).",
      value: this.plugin.functionUrl.url,
    });
    new CfnOutput(this, 'SecretArn', {
      description: 'Put the service-user key here once: {"keyId","secretKey"} (README, Deploy).',
      value: this.plugin.secret.secretArn,
    });
    new CfnOutput(this, 'RotationFunctionName', {
      description: 'The Lambda that rotates the service-user key (`pnpm ops rotate`).',
      value: this.rotation.function.functionName,
    });
    new CfnOutput(this, 'FunctionName', {
      description: 'The Lambda function, for metrics and `aws lambda invoke`.',
      value: this.plugin.function.functionName,
    });
    new CfnOutput(this, 'LiveAliasArn', {
      description: 'The `live` alias BioT and the schedule call: `aws lambda invoke --qualifier live`.',
      value: this.plugin.alias.functionArn,
    });
    new CfnOutput(this, 'DashboardName', {
      description: "The plugin's CloudWatch dashboard.",
      value: this.plugin.dashboard.dashboard.dashboardName,
    });
    new CfnOutput(this, 'SubscriptionsStatus', {
      description:
        'What the last registration with BioT did; `pnpm ops subscriptions` shows the current state.',
      value: this.subscriptions.summary,
    });
    if (this.operationsUser !== undefined && this.operationsRotation !== undefined) {
      new CfnOutput(this, 'OperationsSecretArn', {
        description:
          'Put the operations user\'s key here once: {"keyId","secretKey"} (`pnpm ops secret-set --user operations`).',
        value: this.operationsUser.secret.secretArn,
      });
      new CfnOutput(this, 'OperationsRotationFunctionName', {
        description:
          "The Lambda that rotates the operations user's key (`pnpm ops rotate --user operations`).",
        value: this.operationsRotation.function.functionName,
      });
    }
    new CfnOutput(this, 'LogGroupName', {
      description: "The function's log group, for `aws logs tail`.",
      value: this.plugin.logGroup.logGroupName,
    });
  }
}
