import { type EventType, isEventType } from '@biot-plugin/biot-emulator';
import { UsageError } from '../errors.js';

/** Short names for the command line; BioT's own names are accepted too. */
const SHORT_NAMES: Record<string, EventType> = {
  notification: 'NOTIFICATION',
  pre: 'INTERCEPTOR_PRE',
  post: 'INTERCEPTOR_POST',
  'adapt-entity': 'INTERCEPTOR_POST_ENTITY',
  nonspecific: 'NONSPECIFIC',
  scheduled: 'NONSPECIFIC',
};

export const EVENT_TYPE_NAMES = Object.keys(SHORT_NAMES);

export function parseEventTypeName(name: string | undefined): EventType {
  if (name === undefined) throw new UsageError('Say which event to send, e.g. `pnpm invoke notification`');
  const upper = name.toUpperCase().replaceAll('-', '_');
  if (isEventType(upper)) return upper;
  if (upper === 'ADAPT_ENTITY') return 'INTERCEPTOR_POST_ENTITY';
  const short = SHORT_NAMES[name.toLowerCase().replaceAll('_', '-')];
  if (short !== undefined) return short;
  throw new UsageError(`Unknown event type "${name}"; use one of ${EVENT_TYPE_NAMES.join(', ')}`);
}
