import { secretsManagerSecretSource } from '@biot-plugin/core';
import { runSubscriptionsCommand } from '@biot-plugin/subscriptions';
import { StackNotFoundError, UsageError } from '../errors.js';
import type { CommandContext } from './command-context.js';

/**
 * `pnpm ops subscriptions --env <name> [--plugin <name>] [--apply]`: the subscriptions the plugin's
 * stack declares (its definition's, or the environment's override) beside what BioT has for the
 * plugin's Function URL, with the same reconciliation code the deploy's custom resource runs.
 * Answers the exit code: 0 in sync, 2 drift (without --apply), 1 failure.
 */
export async function subscriptions(context: CommandContext): Promise<number> {
  const { args, io, target } = context;
  const deployment = target.deployment;
  if (deployment === undefined) {
    throw new UsageError(
      'subscriptions needs --env <name> (and --plugin <name> when the environment has several): ' +
        'the declared set is that plugin in that environment.',
      { command: 'subscriptions' },
    );
  }
  const endpoint = args.functionUrl ?? target.functionUrl;
  if (endpoint === undefined) {
    throw new StackNotFoundError(
      `No Function URL for ${deployment.stackName}: the stack has no FunctionUrl output.`,
      'Deploy the stack first, or pass the plugin URL with --function-url <url>.',
    );
  }
  const declared = await context.config().declaredSubscriptions(deployment);
  const biot = await target.biot();
  return runSubscriptionsCommand(
    {
      env: deployment.environmentName,
      apply: args.apply,
      endpoint,
      declared,
      biotBaseUrl: biot.baseUrl,
      serviceUserId: biot.serviceUserId,
      secretArn: target.secretArn,
    },
    io,
    // The operator's client: its region and credentials are the ones ops resolved.
    {
      secrets: secretsManagerSecretSource(target.secretArn, {
        maxAgeSeconds: 0,
        client: async () => context.clients.secretsManager,
      }),
    },
  );
}
