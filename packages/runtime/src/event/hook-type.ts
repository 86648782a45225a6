/**
 * BioT names the event type in the `hooktype` header (contract §1.2). A call without it is a
 * non-specific call: a scheduled job or a direct call.
 */
export const HOOK_TYPES = [
  'NOTIFICATION',
  'INTERCEPTOR_PRE',
  'INTERCEPTOR_POST',
  'INTERCEPTOR_POST_ENTITY',
] as const;

export type BiotHookType = (typeof HOOK_TYPES)[number];
export type HookType = BiotHookType | 'NONSPECIFIC';

export function isBiotHookType(value: string): value is BiotHookType {
  return (HOOK_TYPES as readonly string[]).includes(value);
}

export function isInterceptor(hookType: HookType): boolean {
  return hookType.startsWith('INTERCEPTOR_');
}
