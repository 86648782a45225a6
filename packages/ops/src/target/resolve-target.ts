import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetFunctionConfigurationCommand, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { ENV } from '@biot-plugin/core';
import type { OpsArgs } from '../args.js';
import type { AwsClients } from '../aws/aws-clients.js';
import { aws, explainAwsError } from '../aws/aws-errors.js';
import { BiotAccessError, StackNotFoundError, UsageError } from '../errors.js';
import type { PluginStack } from './deployment-config.js';
import type { StackChoice } from './stack-choice.js';

/** The stack outputs ops read (infra/lib/stack/plugin-stack.ts). */
export const STACK_OUTPUTS = {
  secretArn: 'SecretArn',
  functionName: 'FunctionName',
  functionUrl: 'FunctionUrl',
  /** The `live` alias BioT and the schedule call (stacks with canary deploys). */
  liveAliasArn: 'LiveAliasArn',
  /** Present when the plugin has an operations user: its secret, and the Lambda that rotates it. */
  operationsSecretArn: 'OperationsSecretArn',
  operationsRotationFunctionName: 'OperationsRotationFunctionName',
} as const;

/** What a command acts on: the plugin's secret, and where its service user lives in BioT. */
export interface OpsTarget {
  secretArn: string;
  /** Where the secret ARN came from, for the report. */
  source: string;
  /** The plugin's Function URL (stack output), when known. */
  functionUrl?: string;
  /** The plugin's function (stack output `FunctionName`), when known. */
  functionName?: string;
  /** Its `live` alias (stack output `LiveAliasArn`), what BioT's calls reach, when the stack has one. */
  liveAliasArn?: string;
  /** The plugin in its environment, when `--env` (and `--plugin`) named one. */
  deployment?: PluginStack;
  /** The stack the outputs came from; undefined with `--secret-arn`. */
  stackName?: string;
  /** BioT's URL and the plugin's service user; looked up only by the commands that talk to BioT. */
  biot(): Promise<{ baseUrl: string; serviceUserId: string }>;
}

export async function resolveTarget(
  args: OpsArgs,
  choice: StackChoice,
  clients: AwsClients,
): Promise<OpsTarget> {
  const deployment = choice.deployment === undefined ? {} : { deployment: choice.deployment };
  if (args.secretArn) {
    return {
      secretArn: args.secretArn,
      source: '--secret-arn',
      ...deployment,
      biot: async () => biotFromFlags(args, undefined),
    };
  }
  const stackName = choice.stackName;
  if (stackName === undefined) {
    throw new UsageError(
      'Say which stack: --env <name> [--plugin <name>], --stack <name> or --secret-arn <arn>.',
    );
  }
  const outputs = await stackOutputs(clients, stackName, choice);
  // Registration logs in as the operations user where there is one: so do `ops subscriptions` and
  // the drift check of `ops verify`.
  const user =
    args.user ??
    ((args.command === 'subscriptions' || args.command === 'verify') &&
    outputs.has(STACK_OUTPUTS.operationsSecretArn)
      ? 'operations'
      : 'plugin');
  if (user === 'operations') return operationsTarget(args, clients, stackName, outputs, deployment);
  const secretArn = outputs.get(STACK_OUTPUTS.secretArn);
  if (!secretArn) {
    throw new StackNotFoundError(
      `Stack ${stackName} has no ${STACK_OUTPUTS.secretArn} output; it does not look like a BioT plugin stack.`,
      'Check --env/--stack, or pass the secret with --secret-arn <arn>.',
    );
  }
  const functionName = outputs.get(STACK_OUTPUTS.functionName);
  const functionUrl = outputs.get(STACK_OUTPUTS.functionUrl);
  const liveAliasArn = outputs.get(STACK_OUTPUTS.liveAliasArn);
  let biot: Promise<{ baseUrl: string; serviceUserId: string }> | undefined;
  return {
    secretArn,
    source: `stack ${stackName}`,
    stackName,
    ...deployment,
    ...(functionUrl ? { functionUrl } : {}),
    ...(functionName ? { functionName } : {}),
    ...(liveAliasArn ? { liveAliasArn } : {}),
    biot: () => {
      biot ??= functionEnvironment(clients, functionName).then((env) => biotFromFlags(args, env));
      return biot;
    },
  };
}

/**
 * The operations user's secret; its id and BioT's URL come from the Lambda that rotates that
 * secret (BIOT_SERVICE_USER_ID there is the user whose key it rotates).
 */
function operationsTarget(
  args: OpsArgs,
  clients: AwsClients,
  stackName: string,
  outputs: Map<string, string>,
  deployment: { deployment?: PluginStack },
): OpsTarget {
  const secretArn = outputs.get(STACK_OUTPUTS.operationsSecretArn);
  if (!secretArn) {
    throw new StackNotFoundError(
      `Stack ${stackName} has no ${STACK_OUTPUTS.operationsSecretArn} output: its plugin has no operations user.`,
      "Set operationsUserId in the plugin's entry in infra/config/environments.ts and deploy, or leave out --user.",
    );
  }
  const functionName = outputs.get(STACK_OUTPUTS.operationsRotationFunctionName);
  const functionUrl = outputs.get(STACK_OUTPUTS.functionUrl);
  const pluginFunctionName = outputs.get(STACK_OUTPUTS.functionName);
  const liveAliasArn = outputs.get(STACK_OUTPUTS.liveAliasArn);
  let biot: Promise<{ baseUrl: string; serviceUserId: string }> | undefined;
  return {
    secretArn,
    source: `stack ${stackName}, operations user`,
    stackName,
    ...deployment,
    ...(functionUrl ? { functionUrl } : {}),
    ...(pluginFunctionName ? { functionName: pluginFunctionName } : {}),
    ...(liveAliasArn ? { liveAliasArn } : {}),
    biot: () => {
      biot ??= functionEnvironment(clients, functionName).then((env) => biotFromFlags(args, env));
      return biot;
    },
  };
}

async function stackOutputs(
  clients: AwsClients,
  stackName: string,
  choice: StackChoice,
): Promise<Map<string, string>> {
  try {
    const answer = await clients.cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = answer.Stacks?.[0];
    return new Map(
      (stack?.Outputs ?? []).flatMap((output) =>
        output.OutputKey ? [[output.OutputKey, output.OutputValue ?? '']] : [],
      ),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message)) {
      const region = await clients.cloudFormation.config.region().catch(() => 'the configured region');
      throw new StackNotFoundError(
        `Stack ${stackName} does not exist in ${region}.`,
        `Deploy it with \`${deployCommand(choice.deployment, stackName)}\`, check --env/--plugin/--region (and that ` +
          'your credentials are for the right account), or pass the secret with --secret-arn <arn>.',
        { cause: error },
      );
    }
    throw explainAwsError(error, `read stack ${stackName}`);
  }
}

/** The plugin function's environment: the runtime's BIOT_BASE_URL and BIOT_SERVICE_USER_ID are set there. */
async function functionEnvironment(
  clients: AwsClients,
  functionName: string | undefined,
): Promise<Record<string, string> | undefined> {
  if (!functionName) return undefined;
  try {
    const answer = await aws(`read the configuration of function ${functionName}`, () =>
      clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName })),
    );
    return answer.Environment?.Variables;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

function biotFromFlags(
  args: OpsArgs,
  env: Record<string, string> | undefined,
): { baseUrl: string; serviceUserId: string } {
  const baseUrl = args.biotUrl ?? env?.[ENV.baseUrl];
  const serviceUserId = args.serviceUserId ?? env?.[ENV.serviceUserId];
  if (!baseUrl || !serviceUserId) {
    const missing = [...(baseUrl ? [] : ['--biot-url']), ...(serviceUserId ? [] : ['--service-user-id'])];
    throw new BiotAccessError(
      "Don't know where the plugin's service user lives in BioT.",
      `Pass ${missing.join(' and ')} (the stack's plugin function sets ${ENV.baseUrl} and ${ENV.serviceUserId}; ` +
        'with --secret-arn there is no function to read them from).',
    );
  }
  return { baseUrl: baseUrl.replace(/\/+$/, ''), serviceUserId };
}

/** The command that deploys the plugin's stack (infra/README.md). */
export function deployCommand(deployment: PluginStack | undefined, stackName?: string): string {
  const env = deployment?.environmentName ?? '<env>';
  return `pnpm cdk deploy -c env=${env} ${deployment?.stackName ?? stackName ?? '<plugin>-<env>'}`;
}
