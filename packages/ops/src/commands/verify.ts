import { OpsError, StackNotFoundError, UsageError } from '../errors.js';
import type { CheckResult } from '../verify/check-result.js';
import { checkSubscriptions } from '../verify/drift.js';
import { checkForgedCall } from '../verify/forged-call.js';
import { checkHealth } from '../verify/health-invoke.js';
import { type CommandContext, deployHint, targetFlags } from './command-context.js';

/** The checks, in order: each runs whatever the others found, so one run shows everything. */
const CHECKS = [
  {
    name: 'function URL',
    run: (_context: CommandContext, target: VerifyTarget) => checkForgedCall(target.functionUrl),
  },
  {
    name: 'health check',
    run: async (context: CommandContext, target: VerifyTarget) =>
      target.liveAliasArn === undefined
        ? predatesHealthCheck(context)
        : checkHealth(context.clients.lambda, target.liveAliasArn, targetFlags(context.args)),
  },
  { name: 'subscriptions', run: (context: CommandContext) => checkSubscriptions(context) },
] as const;

/** A check that threw instead of judging: still one FAIL line, and the other checks still run. */
function unexpected(error: unknown): CheckResult {
  if (error instanceof OpsError)
    return { ok: false, summary: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { ok: false, summary: `failed unexpectedly: ${detail}` };
}

interface VerifyTarget {
  functionUrl: string;
  /** The `live` alias, what BioT's calls and the schedule reach (during a canary, mostly the old version). */
  liveAliasArn: string | undefined;
}

/**
 * A stack without the `live` alias (LiveAliasArn output) was deployed by a version of this
 * project whose runtime knew no health event: it would take `{"biotPluginHealthCheck": 1}` for a
 * scheduled call and run the plugin's scheduled hook. So it is not invoked.
 */
function predatesHealthCheck(context: CommandContext): CheckResult {
  return {
    ok: false,
    summary:
      'not run: the stack has no LiveAliasArn output, so its runtime predates the health check (a direct invocation would run its scheduled hook).',
    hint: `Deploy the current version with \`${deployHint(context)}\`, then verify again.`,
  };
}

/**
 * `pnpm ops verify --env <name> [--plugin <name>]`, right after `cdk deploy`: (a) the Function URL
 * refuses a forged token with BioT's 401 body, (b) a direct invocation's health check reads the
 * secret, fetches BioT's key and logs in, (c) BioT's subscriptions match the declared ones. One
 * PASS or FAIL line per check; exit 0 only when all pass, 1 otherwise.
 */
export async function verify(context: CommandContext): Promise<number> {
  const { io, target } = context;
  const out = (line = '') => io.stdout.write(`${line}\n`);
  if (target.deployment === undefined || target.stackName === undefined) {
    throw new UsageError(
      'verify needs the plugin in its environment: --env <name> [--plugin <name>] (its stack gives the URL and the function).',
      { command: 'verify' },
    );
  }
  const { functionUrl, liveAliasArn } = target;
  const functionName = liveAliasArn ?? target.functionName;
  if (functionUrl === undefined || functionName === undefined) {
    throw new StackNotFoundError(
      `Stack ${target.stackName} has no ${functionUrl === undefined ? 'FunctionUrl' : 'FunctionName'} output; it does not look like a deployed BioT plugin stack.`,
      `Deploy it with \`${deployHint(context)}\`.`,
    );
  }
  const region = await context.clients.lambda.config.region().catch(() => undefined);
  out(
    `Verifying ${target.stackName}${region ? ` in ${region}` : ''}: ${functionUrl}, function ${functionName}`,
  );
  out();
  let passed = 0;
  for (const check of CHECKS) {
    const result = await check.run(context, { functionUrl, liveAliasArn }).catch(unexpected);
    if (result.ok) passed += 1;
    out(`${result.ok ? 'PASS' : 'FAIL'}  ${check.name.padEnd(14)} ${result.summary}`);
    for (const line of result.detail ?? []) out(`        ${line}`.trimEnd());
    if (!result.ok && result.hint) {
      for (const line of result.hint.split('\n')) out(`      → ${line}`);
    }
  }
  out();
  out(
    passed === CHECKS.length
      ? `All ${CHECKS.length} checks passed: ${target.deployment.pluginName} in ${target.deployment.environmentName} is ready for BioT.`
      : `${CHECKS.length - passed} of ${CHECKS.length} checks failed.`,
  );
  return passed === CHECKS.length ? 0 : 1;
}
