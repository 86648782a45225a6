import { fileURLToPath } from 'node:url';
import { CfnOutput, RemovalPolicy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../config/environments.js';
import { BiotPlugin } from '../construct/biot-plugin.js';
import { BiotSecretRotation } from '../construct/biot-secret-rotation.js';
import { BiotSubscriptions } from '../construct/biot-subscriptions.js';

export interface PluginStackProps extends StackProps {
  /** The environment's name in config/environments.ts, e.g. `dev`. */
  readonly environmentName: string;
  readonly config: EnvironmentConfig;
}

/** The repository root, for NodejsFunction's projectRoot, lock file and entry. */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * One environment of the plugin: the BiotPlugin construct, the rotation of its service-user key
 * (BiotSecretRotation), its registration with BioT (BiotSubscriptions), and the outputs ops need.
 */
export class PluginStack extends Stack {
  readonly plugin: BiotPlugin;
  readonly rotation: BiotSecretRotation;
  readonly subscriptions: BiotSubscriptions;

  constructor(scope: Construct, id: string, props: PluginStackProps) {
    const { config, environmentName, ...stackProps } = props;
    super(scope, id, {
      description: `BioT plugin ${config.appName} (${environmentName})`,
      terminationProtection: config.production,
      ...stackProps,
    });
    Tags.of(this).add('biot-plugin:app', config.appName);
    Tags.of(this).add('biot-plugin:environment', environmentName);

    this.plugin = new BiotPlugin(this, 'Plugin', {
      ...config,
      entry: `${repoRoot}packages/runtime/src/index.ts`,
      projectRoot: repoRoot,
      depsLockFilePath: `${repoRoot}pnpm-lock.yaml`,
    });

    this.rotation = new BiotSecretRotation(this, 'SecretRotation', {
      appName: config.appName,
      biotBaseUrl: config.biotBaseUrl,
      serviceUserId: config.serviceUserId,
      secret: this.plugin.secret,
      ...(config.rotationIntervalDays === undefined
        ? {}
        : { rotationIntervalDays: config.rotationIntervalDays }),
      logRetention: config.logRetention,
      removalPolicy: config.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      entry: `${repoRoot}packages/rotation/src/handler.ts`,
      projectRoot: repoRoot,
      depsLockFilePath: `${repoRoot}pnpm-lock.yaml`,
    });

    this.subscriptions = new BiotSubscriptions(this, 'Subscriptions', {
      ...config,
      functionUrl: this.plugin.functionUrl,
      secret: this.plugin.secret,
      entry: `${repoRoot}packages/subscriptions/src/lambda-handler.ts`,
      projectRoot: repoRoot,
      depsLockFilePath: `${repoRoot}pnpm-lock.yaml`,
    });

    new CfnOutput(this, 'FunctionUrl', {
      description: "The plugin's endpoint; the stack subscribes it in BioT (config subscriptions).",
      value: this.plugin.functionUrl.url,
    });
    new CfnOutput(this, 'SecretArn', {
      description: 'Put the service-user key here once: {"keyId","secretKey"} (README, Deploy).',
      value: this.plugin.secret.secretArn,
    });
    new CfnOutput(this, 'RotationFunctionName', {
      description: 'The Lambda that rotates the service-user key (`pnpm ops rotate --env <name>`).',
      value: this.rotation.function.functionName,
    });
    new CfnOutput(this, 'FunctionName', {
      description: 'The Lambda function, for metrics and `aws lambda invoke`.',
      value: this.plugin.function.functionName,
    });
    new CfnOutput(this, 'SubscriptionsStatus', {
      description:
        'What the last registration with BioT did; `pnpm ops subscriptions --env <name>` shows the current state.',
      value: this.subscriptions.summary,
    });
    new CfnOutput(this, 'LogGroupName', {
      description: "The function's log group, for `aws logs tail`.",
      value: this.plugin.logGroup.logGroupName,
    });
  }
}
