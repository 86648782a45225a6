import { newTrace, type SecretSource, secretsManagerSecretSource } from '@biot-plugin/core';
import type { CallContext } from './biot-dispatcher.js';
import { type BiotConnection, openDispatcher } from './biot-session.js';
import { CALL_GRACE_MS, withDeadline } from './deadline.js';
import { findSubscriptionProblems, parseDeclaredSubscriptions } from './declared-subscriptions.js';
import { describeStep } from './describe.js';
import { DRIFT_LEGEND, formatDriftTable } from './drift-table.js';
import { explainFailure } from './explain-failure.js';
import { compareSubscriptions, isInSync, planReconciliation } from './reconcile.js';
import { readServiceSecret } from './service-secret.js';
import { silentLogger } from './subscriptions-logger.js';
import { syncEndpoint } from './sync-endpoint.js';

/** `pnpm ops subscriptions --env <name> [--apply]`, with what the CLI resolved for that environment. */
export interface SubscriptionsCommandArgs {
  /** The environment's name, e.g. `dev`; used in messages. */
  readonly env: string;
  /** Reconcile BioT to the declared set; without it the command only shows the drift. */
  readonly apply: boolean;
  /** The plugin's Function URL: the stack output `FunctionUrl`. */
  readonly endpoint: string;
  /** The environment's declared set, `environments[env].subscriptions` (checked again here). */
  readonly declared: unknown;
  /** `environments[env].biotBaseUrl`. */
  readonly biotBaseUrl: string;
  /** `environments[env].serviceUserId`: the plugin's service user, as the custom resource uses it. */
  readonly serviceUserId: string;
  /** The stack output `SecretArn`: the plugin's service-user secret. */
  readonly secretArn: string;
}

export interface CommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export interface SubscriptionsCommandDependencies {
  /** @default AWSCURRENT of `secretArn`, read with the operator's AWS credentials */
  readonly secrets?: SecretSource;
  /** The whole command's time budget. @default 60000 */
  readonly timeoutMs?: number;
  readonly httpTimeoutMs?: number;
}

export const EXIT = { inSync: 0, failed: 1, drift: 2 } as const;

/**
 * Shows the declared subscriptions beside what BioT has for the plugin's URL, drift marked;
 * with `apply`, makes BioT match using the custom resource's own code (syncEndpoint). Exit code
 * 0 when BioT matches (after applying, if asked), 2 when it does not and `apply` was not given
 * (so CI can detect drift), 1 on any failure.
 */
export async function runSubscriptionsCommand(
  args: SubscriptionsCommandArgs,
  io: CommandIo,
  dependencies: SubscriptionsCommandDependencies = {},
): Promise<number> {
  const problems = findSubscriptionProblems(args.declared, `environments.${args.env}.subscriptions`);
  if (problems.length > 0) {
    io.stderr.write(
      `The declared subscriptions of ${args.env} are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    return EXIT.failed;
  }
  const declared = parseDeclaredSubscriptions(args.declared);
  const deadline = Math.floor(Date.now() + (dependencies.timeoutMs ?? 60_000));
  const context: CallContext = { deadline: deadline - CALL_GRACE_MS, traceparent: newTrace().traceparent };
  const biot: BiotConnection = {
    baseUrl: args.biotBaseUrl,
    serviceUserId: args.serviceUserId,
    ...(dependencies.httpTimeoutMs === undefined ? {} : { httpTimeoutMs: dependencies.httpTimeoutMs }),
  };
  const secrets = dependencies.secrets ?? secretsManagerSecretSource(args.secretArn, { maxAgeSeconds: 0 });

  const run = async (): Promise<number> => {
    const secret = await readServiceSecret(secrets);
    if (secret.kind === 'placeholder') {
      io.stderr.write(
        `The service-user secret of ${args.env} still holds the placeholder, so nothing can be read from BioT. ` +
          `Set the key with: pnpm ops secret-set --env ${args.env}\n`,
      );
      return EXIT.failed;
    }
    const dispatcher = await openDispatcher(biot, secret.secret.secretKey, context);
    const comparison = compareSubscriptions(
      declared,
      await dispatcher.registeredFor(args.endpoint, context),
      args.endpoint,
    );
    io.stdout.write(
      `BioT subscriptions of ${args.env} for ${args.endpoint} (BioT ${args.biotBaseUrl})\n\n` +
        `${formatDriftTable(comparison)}\n\n${DRIFT_LEGEND}\n\n`,
    );
    if (isInSync(comparison)) {
      io.stdout.write('BioT matches the declared set.\n');
      return EXIT.inSync;
    }
    const plan = planReconciliation(comparison);
    if (!args.apply) {
      io.stdout.write(
        `Drift: ${plan.length} change(s) would make BioT match. ` +
          `Apply them with: pnpm ops subscriptions --env ${args.env} --apply (cdk deploy runs the same code)\n`,
      );
      return EXIT.drift;
    }
    const { applied } = await syncEndpoint(dispatcher, args.endpoint, declared, context, {
      logger: silentLogger,
      biotBaseUrl: args.biotBaseUrl,
    });
    for (const step of applied) io.stdout.write(`applied: ${describeStep(step)}\n`);
    io.stdout.write(`BioT now matches the declared set (${applied.length} change(s)).\n`);
    return EXIT.inSync;
  };

  try {
    return await withDeadline(run(), deadline, 'The subscriptions command');
  } catch (error) {
    io.stderr.write(`${explainFailure(error, args.biotBaseUrl)}\n`);
    return EXIT.failed;
  }
}
