import * as v from 'valibot';
import { HookBlockedError, InvalidHookResultError } from '../errors.js';
import type { IncomingEvent } from '../event/incoming-event.js';
import { AdaptedResponse, InterceptedRequest, InterceptedResponse } from '../event/schemas.js';
import { Blocked } from '../hook-api/blocked.js';
import type { HookContext } from '../hook-api/hook-context.js';
import type { PluginHooks } from '../hook-api/hooks.js';

/** The JSON body of a successful answer, or undefined for an empty 200. */
export type HookAnswer = Record<string, unknown> | undefined;

/**
 * Runs the hook for the event's type and shapes its result the way BioT reads it (contract §2):
 * PRE → `{request}`, POST and ADAPT_ENTITY → `{response}`. A result BioT could not use is a
 * 500 here rather than a confusing failure inside BioT.
 */
export async function runHook(
  event: IncomingEvent,
  hooks: PluginHooks,
  context: HookContext,
): Promise<HookAnswer> {
  switch (event.hookType) {
    case 'NOTIFICATION':
      await hooks.notification(event, context);
      return undefined;
    case 'INTERCEPTOR_PRE':
      return {
        request: checked(InterceptedRequest, await hooks.interceptorPre(event, context), 'interceptorPre'),
      };
    case 'INTERCEPTOR_POST':
      return {
        response: checked(
          InterceptedResponse,
          await hooks.interceptorPost(event, context),
          'interceptorPost',
        ),
      };
    case 'INTERCEPTOR_POST_ENTITY':
      return { response: checked(AdaptedResponse, await hooks.adaptEntity(event, context), 'adaptEntity') };
    case 'NONSPECIFIC': {
      const result = await hooks.scheduled(event, context);
      if (result === undefined) return undefined;
      if (typeof result !== 'object' || result === null || Array.isArray(result)) {
        throw new InvalidHookResultError('The scheduled hook must return an object or nothing');
      }
      return result as Record<string, unknown>;
    }
  }
}

function checked<S extends v.GenericSchema>(schema: S, result: unknown, hook: string): v.InferOutput<S> {
  if (result instanceof Blocked) throw blockedError(result, hook);
  const parsed = v.safeParse(schema, result);
  if (!parsed.success) {
    const fields = parsed.issues.map((issue) => v.getDotPath(issue) ?? '(result)').join(', ');
    throw new InvalidHookResultError(`The ${hook} hook returned an invalid result: ${fields}`);
  }
  return parsed.output;
}

function blockedError(blocked: Blocked, hook: string): Error {
  const { status, code, message, details } = blocked;
  if (!Number.isInteger(status) || status < 400 || status > 599 || typeof code !== 'string' || code === '') {
    return new InvalidHookResultError(`The ${hook} hook blocked with an invalid status or code`);
  }
  return new HookBlockedError(status, code, String(message), details);
}
