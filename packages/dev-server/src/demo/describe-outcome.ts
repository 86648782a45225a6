import type { PluginAnswer } from '@biot-plugin/biot-emulator';
import { HOOK_TYPES, type HookName, type HookTypeSpec } from '@biot-plugin/runtime';
import type { BiotCalls } from './biot-calls.js';
import { type Change, changedLeaves } from './changed-leaves.js';

/**
 * "What the hook did", in one line: read from the plugin's answer (compared with what was sent)
 * and from the BioT calls it made. Generic on purpose: it knows what BioT reads back from each
 * hook (HOOK_TYPES), nothing of any plugin's hooks.
 */
export function describeOutcome(
  hook: HookName,
  sent: unknown,
  answer: PluginAnswer,
  calls: BiotCalls,
): string {
  const effect =
    answer.status >= 200 && answer.status < 300 ? answerEffect(hook, sent, answer) : refusal(answer);
  const parts = [effect, calls.hookCalls.length > 0 ? `${calls.hookCalls.join(', ')} via BioT` : undefined];
  const text = parts.filter(Boolean).join('; ') || 'acknowledged';
  return calls.groundwork.length > 0 ? `${text} (after it ${calls.groundwork.join(' and ')})` : text;
}

function answerEffect(hook: HookName, sent: unknown, answer: PluginAnswer): string | undefined {
  const expected: HookTypeSpec['answer'] = HOOK_TYPES[hook].answer;
  switch (expected.kind) {
    case 'empty':
      return undefined;
    case 'object':
      return answer.body === '' ? 'answered with no body' : `answered ${clip(answer.body, 60)}`;
    case 'keyed': {
      const before = field(sent, expected.key);
      const after = field(answer.json, expected.key);
      const [beforeList, afterList] = [entityList(before), entityList(after)];
      return beforeList !== undefined && afterList !== undefined
        ? entityChanges(beforeList, afterList)
        : changes(expected.key, before, after);
    }
  }
}

/**
 * The entities an intercepted response carries, when it carries a list: ADAPT_ENTITY's
 * `entities`, or a search answer's `body.data`. Compared entity by entity, not leaf by leaf.
 */
function entityList(response: unknown): unknown[] | undefined {
  const entities = field(response, 'entities');
  if (Array.isArray(entities)) return entities;
  const data = field(field(response, 'body'), 'data');
  return Array.isArray(data) ? data : undefined;
}

function refusal(answer: PluginAnswer): string {
  const json = answer.json as { code?: unknown; message?: unknown } | undefined;
  const code = typeof json?.code === 'string' ? json.code : `HTTP ${answer.status}`;
  // The runtime checks the token before any hook runs (BIOT-CONTRACT.md §3).
  if (code.startsWith('JWT_')) return `refused with ${code} before any hook ran`;
  const message = typeof json?.message === 'string' ? `: ${clip(json.message, 60)}` : '';
  return `${answer.status >= 500 ? 'failed' : 'blocked'} with ${code}${message}`;
}

function changes(what: string, before: unknown, after: unknown): string {
  const found = changedLeaves(before, after);
  if (found.length === 0) return `passed the ${what} through unchanged`;
  const shown = found.slice(0, 2).map((change) => `${change.path} ${renderChange(change)}`);
  return `changed ${shown.join(', ')}${found.length > 2 ? ` and ${found.length - 2} more` : ''}`;
}

function entityChanges(before: unknown[], after: unknown[]): string {
  if (before.length !== after.length) return `returned ${after.length} of ${before.length} entities`;
  const perEntity = before.map((entity, index) => changedLeaves(entity, after[index]));
  const changed = perEntity.filter((list) => list.length > 0);
  const first = changed[0]?.[0];
  if (first === undefined) return `passed ${noun(before.length, 'entity', 'entities')} through unchanged`;
  const paths = [...new Set(changed.flat().map((change) => change.path))];
  const shownPaths = paths.length > 2 ? `${paths.slice(0, 2).join(', ')}…` : paths.join(', ');
  return `changed ${shownPaths} in ${changed.length} of ${noun(before.length, 'entity', 'entities')}, e.g. ${renderChange(first)}`;
}

function renderChange({ before, after }: Change): string {
  return `${clip(JSON.stringify(before) ?? 'nothing', 40)} → ${clip(JSON.stringify(after) ?? 'nothing', 40)}`;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function noun(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
