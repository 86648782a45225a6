import { ENVIRONMENT_NAMES, environments } from '@biot-plugin/infra/environments';
import { runSubscriptionsCommand } from '@biot-plugin/subscriptions';
import { StackNotFoundError, UsageError } from '../errors.js';
import type { CommandContext } from './command-context.js';

/**
 * `pnpm ops subscriptions --env <name> [--apply]`: the environment's declared subscriptions
 * (infra/config/environments.ts) beside what BioT has for the plugin's Function URL, with the
 * same reconciliation code the deploy's custom resource runs. Answers the exit code: 0 in sync,
 * 2 drift (without --apply), 1 failure.
 */
export async function subscriptions(context: CommandContext): Promise<number> {
  const { args, io, target } = context;
  const env = args.env;
  if (env === undefined) {
    throw new UsageError('subscriptions needs --env <name>: the declared set is that environment’s config.');
  }
  if (!Object.hasOwn(environments, env)) {
    throw new UsageError(`Unknown environment "${env}". Environments: ${ENVIRONMENT_NAMES.join(', ')}.`);
  }
  const config = environments[env as keyof typeof environments];
  const endpoint = args.functionUrl ?? target.functionUrl;
  if (endpoint === undefined) {
    throw new StackNotFoundError(
      `No Function URL for ${env}: the stack has no FunctionUrl output.`,
      'Deploy the stack first, or pass the plugin URL with --function-url <url>.',
    );
  }
  const biot = await target.biot();
  return runSubscriptionsCommand(
    {
      env,
      apply: args.apply,
      endpoint,
      declared: config.subscriptions,
      biotBaseUrl: biot.baseUrl,
      serviceUserId: biot.serviceUserId,
      secretArn: target.secretArn,
    },
    io,
    { readSecret: async () => (await context.store.readValue({ stage: 'AWSCURRENT' })) ?? '' },
  );
}
