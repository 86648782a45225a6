import { type CommandContext, targetFlags } from '../commands/command-context.js';
import { subscriptions } from '../commands/subscriptions.js';
import { OpsError } from '../errors.js';
import type { CheckResult } from './check-result.js';

/**
 * Check (c): `pnpm ops subscriptions` itself (the declared set beside what BioT has for the
 * Function URL, logged in as the stack's registration does), its output shown under the line.
 */
export async function checkSubscriptions(context: CommandContext): Promise<CheckResult> {
  let stdout = '';
  let stderr = '';
  const capture = {
    ...context,
    args: { ...context.args, apply: false },
    io: {
      ...context.io,
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    },
  };
  let code: number;
  try {
    code = await subscriptions(capture);
  } catch (error) {
    if (!(error instanceof OpsError)) throw error;
    return { ok: false, summary: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  }
  const detail = stdout.trimEnd().split('\n');
  const apply = `pnpm ops subscriptions ${targetFlags(context.args)} --apply`;
  if (code === 0) return { ok: true, summary: 'BioT matches the declared set', detail };
  if (code === 2) {
    return {
      ok: false,
      summary: 'BioT differs from the declared set (drift)',
      hint: `Make BioT match with \`${apply}\` (or deploy again: the stack registers the same set).`,
      detail,
    };
  }
  return {
    ok: false,
    summary: 'Could not compare the subscriptions',
    hint: stderr.trim(),
    ...(stdout.trim() === '' ? {} : { detail }),
  };
}
