import { type BiotEmulator, type EventType, functionUrlEvent } from '@biot-plugin/biot-emulator';
import type { FunctionUrlEvent } from '../probes/probe-support.js';

/**
 * `count` events of one type as AWS hands them to the Lambda (Function URL payload 2.0, the
 * emulator's builder), each with its own token and traceparent, as BioT would send them. Built
 * once, before any timing, and reused: BioT's tokens live 30 minutes.
 */
export async function eventPool(
  emulator: BiotEmulator,
  type: EventType,
  count: number,
): Promise<FunctionUrlEvent[]> {
  const events: FunctionUrlEvent[] = [];
  for (let i = 0; i < count; i++) events.push(functionUrlEvent(await emulator.buildEvent(type)));
  return events;
}
