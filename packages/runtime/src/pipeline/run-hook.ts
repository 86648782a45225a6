import * as v from 'valibot';
import { HookBlockedError, HookNotImplementedError, InvalidHookResultError } from '../errors.js';
import type { IncomingEvent } from '../event/incoming-event.js';
import { schemaPath } from '../event/schema-path.js';
import { Blocked } from '../hook-api/blocked.js';
import type { HookContext } from '../hook-api/hook-context.js';
import type { PluginHooks } from '../hook-api/hooks.js';
import { HOOK_TYPES, type HookTypeSpec } from '../hook-types.js';

/** The JSON body of a successful answer, or undefined for an empty 200. */
export type HookAnswer = Record<string, unknown> | undefined;

type AnyHook = (event: IncomingEvent, context: HookContext) => unknown;

/**
 * Runs the plugin's hook for the event and shapes its result the way BioT reads it (BIOT-CONTRACT.md §2,
 * HOOK_TYPES[hook].answer). A result BioT could not use is a 500 here rather than a confusing
 * failure inside BioT; an event for a hook the plugin lacks is a 404 that names it.
 */
export async function runHook(
  event: IncomingEvent,
  hooks: Partial<PluginHooks>,
  context: HookContext,
): Promise<HookAnswer> {
  const spec: HookTypeSpec = HOOK_TYPES[event.hook];
  const hook = hooks[event.hook] as AnyHook | undefined;
  if (hook === undefined) throw new HookNotImplementedError(event.hook, spec.hooktype);
  const result = await hook(event, context);
  return shapeAnswer(spec.answer, result, event.hook);
}

function shapeAnswer(answer: HookTypeSpec['answer'], result: unknown, hook: string): HookAnswer {
  if (result instanceof Blocked) {
    if (answer.kind === 'keyed') throw blockedError(result, hook);
    throw new InvalidHookResultError(`The ${hook} hook returned block(), which only interceptors may`);
  }
  switch (answer.kind) {
    case 'empty':
      return undefined;
    case 'object':
      if (result === undefined) return undefined;
      if (typeof result !== 'object' || result === null || Array.isArray(result)) {
        throw new InvalidHookResultError(`The ${hook} hook must return an object or nothing`);
      }
      return result as Record<string, unknown>;
    case 'keyed': {
      const parsed = v.safeParse(answer.schema, result);
      if (!parsed.success) {
        const fields = [
          ...new Set(parsed.issues.map((issue) => schemaPath(issue, answer.schema, '(result)'))),
        ].join(', ');
        throw new InvalidHookResultError(`The ${hook} hook returned an invalid result: ${fields}`);
      }
      // The hook's own object: validated, never rebuilt, so no key it returned is lost.
      return { [answer.key]: result };
    }
  }
}

function blockedError(blocked: Blocked, hook: string): Error {
  const { status, code, message, details } = blocked;
  if (!Number.isInteger(status) || status < 400 || status > 599 || typeof code !== 'string' || code === '') {
    return new InvalidHookResultError(`The ${hook} hook blocked with an invalid status or code`);
  }
  return new HookBlockedError(status, code, String(message), details);
}
