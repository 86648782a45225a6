import { type PluginAnswer, readBiotErrorBody } from '@biot-plugin/biot-emulator';
import { HOOK_TYPES, type HookName, type HookTypeSpec } from '@biot-plugin/runtime';

/** What BioT needs back from a call, in words and as a check of the plugin's answer. */
export interface BiotExpectation {
  /** Shown under a row whose answer is something else. */
  readonly expected: string;
  accepts(answer: PluginAnswer): boolean;
}

/**
 * What BioT reads back from each hook (BIOT-CONTRACT.md §2), from the hook's entry in HOOK_TYPES: 200
 * with nothing BioT reads for a notification, 200 with `{"request"}` or `{"response"}` in the
 * shape the runtime's schema describes for an interceptor, or a block (BIOT-CONTRACT.md §2.5), and a JSON
 * object or nothing for a scheduled call. Never what a particular plugin's hooks do.
 */
export function biotExpectation(hook: HookName): BiotExpectation {
  const answer: HookTypeSpec['answer'] = HOOK_TYPES[hook].answer;
  switch (answer.kind) {
    case 'empty':
      return { expected: '200 (BioT ignores the body)', accepts: (reply) => reply.status === 200 };
    case 'object':
      return {
        expected: '200 with a JSON object or no body',
        accepts: (reply) => reply.status === 200 && (reply.body === '' || isObject(reply.json)),
      };
    case 'keyed': {
      const fields = [...requiredFields(answer.schema), '…'].join(', ');
      return {
        expected: `200 with {"${answer.key}": {${fields}}}, or a 4xx block with BioT's error body`,
        accepts: (reply) =>
          (reply.status === 200 && conforms(answer.schema, field(reply.json, answer.key))) || isBlock(reply),
      };
    }
  }
}

/** A token signed by anyone but BioT must be refused before any hook runs (BIOT-CONTRACT.md §3). */
export const FORGED_TOKEN_EXPECTATION: BiotExpectation = {
  expected: '401 JWT_INVALID',
  accepts: (answer) => answer.status === 401 && field(answer.json, 'code') === 'JWT_INVALID',
};

/**
 * The runtime's refusals of the event itself (packages/runtime/src/errors.ts): a 4xx with one of
 * these codes says the call never reached the hook, so it is no block.
 */
const REFUSALS_BEFORE_THE_HOOK = /^(JWT_.*|INVALID_EVENT|UNKNOWN_HOOK_TYPE|HOOK_NOT_IMPLEMENTED)$/;

/** An interceptor's deliberate block: a 4xx with BioT's error body (BIOT-CONTRACT.md §2.5). */
function isBlock(answer: PluginAnswer): boolean {
  const error = readBiotErrorBody(answer.json);
  if (answer.status < 400 || answer.status > 499 || error === undefined) return false;
  return !REFUSALS_BEFORE_THE_HOOK.test(error.code);
}

/** The runtime's schema of what BioT reads back from an interceptor (HOOK_TYPES). */
type AnswerSchema = Extract<HookTypeSpec['answer'], { kind: 'keyed' }>['schema'];

/** Checks a value against the runtime's schema through the Standard Schema interface it implements. */
function conforms(schema: AnswerSchema, value: unknown): boolean {
  const result = schema['~standard'].validate(value);
  return !(result instanceof Promise) && result.issues === undefined;
}

/** The fields an object schema requires, for saying what BioT reads: `path, queryParameters, headers`. */
function requiredFields(schema: AnswerSchema): string[] {
  const entries = (schema as { entries?: Record<string, { type?: string }> }).entries ?? {};
  return Object.entries(entries)
    .filter(([, entry]) => entry.type !== 'optional')
    .map(([name]) => name);
}

function field(value: unknown, name: string): unknown {
  return isObject(value) ? value[name] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
