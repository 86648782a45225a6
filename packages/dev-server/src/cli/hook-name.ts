import { HOOK_NAMES, HOOK_TYPES, type HookName, type HookTypeSpec, isHookName } from '@biot-plugin/runtime';
import { UsageError } from '../errors.js';

/**
 * A hook named on the command line: exactly one of HOOK_TYPES' names. Anything else is a
 * UsageError that lists them, with the one meant when it can be told (`pre`, `INTERCEPTOR_PRE`
 * and `PRE_REQUEST` all mean preRequest).
 */
export function parseHookName(name: string | undefined): HookName {
  const hooks = `The hooks are: ${HOOK_NAMES.join(', ')}.`;
  if (name === undefined) throw new UsageError(`Name the hook to send an event to. ${hooks}`);
  if (isHookName(name)) return name;
  const meant = hookMeantBy(name);
  throw new UsageError(
    `Unknown hook "${name}"${meant === undefined ? '.' : `; did you mean ${meant}?`} ${hooks}`,
  );
}

function hookMeantBy(name: string): HookName | undefined {
  const typed = simplified(name);
  if (typed === '') return undefined;
  const byAlias = HOOK_NAMES.find((hook) => aliasesOf(hook).some((alias) => simplified(alias) === typed));
  const byPrefix = HOOK_NAMES.filter((hook) => simplified(hook).startsWith(typed));
  const byTypo = HOOK_NAMES.filter((hook) => editDistance(simplified(hook), typed) <= 2);
  return (
    byAlias ??
    (byPrefix.length === 1 ? byPrefix[0] : undefined) ??
    (byTypo.length === 1 ? byTypo[0] : undefined)
  );
}

/** The hook's name, and BioT's names for the call it answers: its `hooktype` and subscription type. */
function aliasesOf(hook: HookName): string[] {
  const { hooktype, calledBy }: HookTypeSpec = HOOK_TYPES[hook];
  return [hook, hooktype ?? 'NONSPECIFIC', ...(calledBy.kind === 'interception' ? [calledBy.type] : [])];
}

/** `adapt-entity`, `ADAPT_ENTITY` and `adaptEntity` alike. */
function simplified(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
