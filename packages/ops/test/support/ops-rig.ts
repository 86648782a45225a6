import { Readable } from 'node:stream';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import type { RotationEvent } from '@biot-plugin/rotation';
import {
  type NewPluginOptions,
  type RotationRig,
  type SecretsManagerFront,
  startRotationRig,
  startSecretsManagerFront,
  type TestPlugin,
} from '@biot-plugin/rotation/testing';
import { runOps } from '../../src/main.js';
import type { DeploymentConfig } from '../../src/target/deployment-config.js';
import { fixtureConfig } from './fixture-config.js';

export interface OpsRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * moto (Secrets Manager, CloudFormation, Lambda, IAM), the BioT emulator, and the Secrets Manager
 * front that answers RotateSecret by invoking the real rotation handler's steps (moto cannot run a
 * rotation Lambda without Docker). The ops commands run in-process with the SDK pointed at them
 * through the standard AWS_ENDPOINT_URL* variables, exactly as an operator's shell would.
 */
export interface OpsRig {
  rotation: RotationRig;
  front: SecretsManagerFront;
  /** A service user, its secret (30-day schedule unless options say otherwise) and its rotation function. */
  newPlugin(options?: NewPluginOptions): Promise<TestPlugin>;
  /** Deploys a stand-in of the plugin stack to moto's CloudFormation: the same outputs, a function with the same BioT variables. */
  deployStack(
    stackName: string,
    plugin: TestPlugin,
    operations?: TestPlugin,
    outputs?: StackOutputOptions,
  ): Promise<void>;
  ops(argv: string[], input?: { stdin?: string | Readable }): Promise<OpsRun>;
  close(): Promise<void>;
}

/** Where the stand-in stack's outputs point. */
export interface StackOutputOptions {
  /** The FunctionUrl output. @default a URL of AWS's shape that nothing answers */
  functionUrl?: string;
  /** The plugin function's name (FunctionName output). @default the one CloudFormation makes up */
  functionName?: string;
  /** The LiveAliasArn output of a stack with the `live` alias. @default none */
  liveAliasArn?: string;
}

export interface OpsRigOptions {
  stepDelayMs?: number;
  /** The environments `--env` may name (support/fixture-config.ts). @default none: --stack and --secret-arn only */
  config?: DeploymentConfig;
}

export async function startOpsRig(options: OpsRigOptions = {}): Promise<OpsRig> {
  const rotation = await startRotationRig();
  const plugins = new Map<string, TestPlugin>();
  const front = await startSecretsManagerFront({
    moto: rotation.moto,
    stepDelayMs: options.stepDelayMs ?? 50,
    rotationFunction: async (event: RotationEvent) => {
      const plugin = plugins.get(event.SecretId);
      if (!plugin) throw new Error(`No rotation function for ${event.SecretId}`);
      await plugin.rotate(event);
    },
  });
  Object.assign(process.env, rotation.moto.env(front.url));
  const cloudFormation = new CloudFormationClient(rotation.moto.clientConfig());
  return {
    rotation,
    front,
    async newPlugin(pluginOptions = { rotationDays: 30 }) {
      const plugin = await rotation.newPlugin(pluginOptions);
      plugins.set(plugin.secretArn, plugin);
      return plugin;
    },
    async deployStack(stackName, plugin, operations, outputs = {}) {
      await cloudFormation.send(
        new CreateStackCommand({
          StackName: stackName,
          TemplateBody: JSON.stringify(
            pluginStackTemplate(plugin, rotation.emulator.url, operations, outputs),
          ),
        }),
      );
    },
    async ops(argv, input = {}) {
      let stdout = '';
      let stderr = '';
      const stdin =
        typeof input.stdin === 'string' || input.stdin === undefined
          ? Readable.from([Buffer.from(input.stdin ?? '')])
          : input.stdin;
      const code = await runOps(
        argv,
        {
          stdin,
          stdout: { write: (text: string) => (stdout += text) },
          stderr: { write: (text: string) => (stderr += text) },
        },
        { config: options.config ?? fixtureConfig({}) },
      );
      return { code, stdout, stderr };
    },
    async close() {
      cloudFormation.destroy();
      await front.close();
      await rotation.close();
    },
  };
}

/**
 * The outputs of infra/lib/stack/plugin-stack.ts, and a function carrying the runtime's BioT
 * variables; with an operations user, its secret's outputs and the rotation function of that secret.
 */
function pluginStackTemplate(
  plugin: TestPlugin,
  biotUrl: string,
  operations?: TestPlugin,
  outputs: StackOutputOptions = {},
): Record<string, unknown> {
  const functionOf = (user: TestPlugin) => ({
    Type: 'AWS::Lambda::Function',
    Properties: {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
      Code: { ZipFile: 'export const handler = async () => ({});' },
      Environment: { Variables: { BIOT_BASE_URL: biotUrl, BIOT_SERVICE_USER_ID: user.serviceUserId } },
    },
  });
  const withOperations = (template: { Resources: object; Outputs: object }) =>
    operations === undefined
      ? template
      : {
          Resources: { ...template.Resources, OperationsRotation: functionOf(operations) },
          Outputs: {
            ...template.Outputs,
            OperationsSecretArn: { Value: operations.secretArn },
            OperationsRotationFunctionName: { Value: { Ref: 'OperationsRotation' } },
          },
        };
  return withOperations({
    Resources: {
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
            ],
          },
        },
      },
      Function: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
          Code: { ZipFile: 'export const handler = async () => ({});' },
          ...(outputs.functionName === undefined ? {} : { FunctionName: outputs.functionName }),
          Environment: {
            Variables: {
              BIOT_BASE_URL: biotUrl,
              BIOT_SERVICE_USER_ID: plugin.serviceUserId,
              BIOT_SERVICE_USER_SECRET_ARN: plugin.secretArn,
            },
          },
        },
      },
    },
    Outputs: {
      SecretArn: { Value: plugin.secretArn },
      FunctionName: { Value: { Ref: 'Function' } },
      FunctionUrl: { Value: outputs.functionUrl ?? 'https://example.lambda-url.eu-central-1.on.aws/' },
      ...(outputs.liveAliasArn === undefined ? {} : { LiveAliasArn: { Value: outputs.liveAliasArn } }),
    },
  });
}
