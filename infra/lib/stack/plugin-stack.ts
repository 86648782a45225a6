import { fileURLToPath } from 'node:url';
import type { PluginDefinition } from '@biot-plugin/runtime';
import type { DeclaredSubscriptions } from '@biot-plugin/subscriptions/declared-subscriptions';
import { CfnOutput, RemovalPolicy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { BiotPlugin } from '../construct/biot-plugin.js';
import { BiotSecretRotation } from '../construct/biot-secret-rotation.js';
import { BiotSubscriptions } from '../construct/biot-subscriptions.js';
import type { PluginDeployment } from '../settings/environment-config.js';

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

/** The repository root, for NodejsFunction's projectRoot, lock file and the framework's own entries. */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * One plugin in one environment: the BiotPlugin construct, the rotation of its service-user key
 * (BiotSecretRotation), its registration with BioT (BiotSubscriptions), and the outputs ops need.
 */
export class PluginStack extends Stack {
  readonly plugin: BiotPlugin;
  readonly rotation: BiotSecretRotation;
  readonly subscriptions: BiotSubscriptions;

  constructor(scope: Construct, id: string, props: PluginStackProps) {
    const { deployment, definition, subscriptions, handlerFile, ...stackProps } = props;
    const { pluginName, environmentName } = deployment;
    super(scope, id, {
      description: `BioT plugin ${pluginName} (${environmentName})`,
      terminationProtection: deployment.production,
      ...stackProps,
    });
    Tags.of(this).add('biot-plugin:plugin', pluginName);
    Tags.of(this).add('biot-plugin:environment', environmentName);
    const bundling = { projectRoot: repoRoot, depsLockFilePath: `${repoRoot}pnpm-lock.yaml` };

    this.plugin = new BiotPlugin(this, 'Plugin', {
      pluginName,
      production: deployment.production,
      biotBaseUrl: deployment.biotBaseUrl,
      biotEnvironment: deployment.biotEnvironment,
      serviceUserId: deployment.serviceUserId,
      existingSecretArn: deployment.existingSecretArn,
      memoryMb: deployment.memoryMb,
      timeoutSeconds: deployment.timeoutSeconds,
      reservedConcurrency: deployment.reservedConcurrency,
      logRetentionDays: deployment.logRetentionDays,
      logLevel: deployment.logLevel,
      alarmEmail: deployment.alarmEmail,
      jwt: deployment.jwt,
      schedule: definition.schedule,
      entry: handlerFile,
      ...bundling,
    });

    this.rotation = new BiotSecretRotation(this, 'SecretRotation', {
      pluginName,
      biotBaseUrl: deployment.biotBaseUrl,
      serviceUserId: deployment.serviceUserId,
      secret: this.plugin.secret,
      rotationIntervalDays: deployment.rotationIntervalDays,
      logRetentionDays: deployment.logRetentionDays,
      removalPolicy: deployment.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      entry: `${repoRoot}packages/rotation/src/handler.ts`,
      ...bundling,
    });

    this.subscriptions = new BiotSubscriptions(this, 'Subscriptions', {
      subscriptions,
      functionUrl: this.plugin.functionUrl,
      secret: this.plugin.secret,
      pluginName,
      biotBaseUrl: deployment.biotBaseUrl,
      serviceUserId: deployment.serviceUserId,
      production: deployment.production,
      logRetentionDays: deployment.logRetentionDays,
      logLevel: deployment.logLevel,
      entry: `${repoRoot}packages/subscriptions/src/lambda-handler.ts`,
      ...bundling,
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
    new CfnOutput(this, 'SubscriptionsStatus', {
      description:
        'What the last registration with BioT did; `pnpm ops subscriptions` shows the current state.',
      value: this.subscriptions.summary,
    });
    new CfnOutput(this, 'LogGroupName', {
      description: "The function's log group, for `aws logs tail`.",
      value: this.plugin.logGroup.logGroupName,
    });
  }
}
