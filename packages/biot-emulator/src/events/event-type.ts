/**
 * The kinds of call BioT makes to a plugin, named by the `hooktype` header it sends (contract
 * §1.2). NONSPECIFIC is a call without the header: the scheduler, or a direct call.
 */
export const EVENT_TYPES = [
  'NOTIFICATION',
  'INTERCEPTOR_PRE',
  'INTERCEPTOR_POST',
  'INTERCEPTOR_POST_ENTITY',
  'NONSPECIFIC',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: unknown): value is EventType {
  return (EVENT_TYPES as readonly unknown[]).includes(value);
}
