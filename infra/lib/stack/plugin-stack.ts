import { fileURLToPath } from 'node:url';
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../config/environments.js';
import { BiotPlugin } from '../construct/biot-plugin.js';

export interface PluginStackProps extends StackProps {
  /** The environment's name in config/environments.ts, e.g. `dev`. */
  readonly environmentName: string;
  readonly config: EnvironmentConfig;
}

/** The repository root, for NodejsFunction's projectRoot, lock file and entry. */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** One environment of the plugin: the BiotPlugin construct and the outputs ops need after a deploy. */
export class PluginStack extends Stack {
  readonly plugin: BiotPlugin;

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

    new CfnOutput(this, 'FunctionUrl', {
      description: 'The endpoint to subscribe in BioT (notifications and interceptors).',
      value: this.plugin.functionUrl.url,
    });
    new CfnOutput(this, 'SecretArn', {
      description: 'Put the service-user key here once: {"keyId","secretKey"} (README, Deploy).',
      value: this.plugin.secret.secretArn,
    });
    new CfnOutput(this, 'FunctionName', {
      description: 'The Lambda function, for metrics and `aws lambda invoke`.',
      value: this.plugin.function.functionName,
    });
    new CfnOutput(this, 'LogGroupName', {
      description: "The function's log group, for `aws logs tail`.",
      value: this.plugin.logGroup.logGroupName,
    });
  }
}
