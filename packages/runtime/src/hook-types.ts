import type * as v from 'valibot';
import {
  AdaptEntityBody,
  AdaptedResponse,
  InterceptedRequest,
  InterceptedResponse,
  NotificationBody,
  PostRequestBody,
  PreRequestBody,
} from './event/schemas.js';
import type { InterceptionType } from './plugin/subscriptions.js';

/**
 * Every kind of call BioT makes to a plugin, described once. The pipeline reads this table to
 * validate a body, find the token, check its scope, run the hook and shape the answer; the
 * plugin definition reads it to match hooks with subscriptions; the tools read it for names.
 * The key is the hook's one name, in code, config, docs and on the command line.
 */
export const HOOK_TYPES = {
  notification: {
    /** BioT's `hooktype` header value (BIOT-CONTRACT.md §1.2). */
    hooktype: 'NOTIFICATION',
    body: NotificationBody,
    /** Where BioT puts its token (BIOT-CONTRACT.md §1.2). */
    token: 'body.jwt',
    /** The RuntimeConfig field naming the scope the token must carry (BIOT-CONTRACT.md §3). */
    scope: 'notificationScope',
    /** What BioT reads back (BIOT-CONTRACT.md §2): nothing for a notification. */
    answer: { kind: 'empty' },
    /** What makes BioT call this hook. */
    calledBy: { kind: 'notification' },
    summary: 'after an entity changed; BioT ignores the answer',
  },
  preRequest: {
    hooktype: 'INTERCEPTOR_PRE',
    body: PreRequestBody,
    token: 'authorization',
    scope: 'interceptionScope',
    answer: { kind: 'keyed', key: 'request', schema: InterceptedRequest },
    calledBy: { kind: 'interception', type: 'PRE_REQUEST' },
    summary: 'before a BioT API call; may change the request or block the call',
  },
  postRequest: {
    hooktype: 'INTERCEPTOR_POST',
    body: PostRequestBody,
    token: 'authorization',
    scope: 'interceptionScope',
    answer: { kind: 'keyed', key: 'response', schema: InterceptedResponse },
    calledBy: { kind: 'interception', type: 'POST_REQUEST' },
    summary: 'after a BioT API call; may change the response or block it',
  },
  adaptEntity: {
    hooktype: 'INTERCEPTOR_POST_ENTITY',
    body: AdaptEntityBody,
    token: 'authorization',
    scope: 'interceptionScope',
    answer: { kind: 'keyed', key: 'response', schema: AdaptedResponse },
    calledBy: { kind: 'interception', type: 'ADAPT_ENTITY' },
    summary: 'on the entities a BioT API returns; may change them',
  },
  scheduled: {
    /** A call without `hooktype`: a schedule, or a direct invocation. */
    hooktype: undefined,
    body: undefined,
    token: 'authorization',
    scope: undefined,
    answer: { kind: 'object' },
    calledBy: { kind: 'schedule' },
    summary: 'on a schedule or a direct invocation; answers any JSON object',
  },
} as const satisfies Record<string, HookTypeSpec>;

export interface HookTypeSpec {
  readonly hooktype: string | undefined;
  readonly body: v.GenericSchema | undefined;
  readonly token: 'body.jwt' | 'authorization';
  readonly scope: 'notificationScope' | 'interceptionScope' | undefined;
  readonly answer:
    | { readonly kind: 'empty' }
    | { readonly kind: 'object' }
    | { readonly kind: 'keyed'; readonly key: 'request' | 'response'; readonly schema: v.GenericSchema };
  readonly calledBy:
    | { readonly kind: 'notification' }
    | { readonly kind: 'interception'; readonly type: InterceptionType }
    | { readonly kind: 'schedule' };
  readonly summary: string;
}

export type HookName = keyof typeof HOOK_TYPES;

export const HOOK_NAMES = Object.keys(HOOK_TYPES) as HookName[];

/** The hooks BioT calls with a `hooktype` header, by that header's value. */
const BY_HOOKTYPE: ReadonlyMap<string, HookName> = new Map(
  HOOK_NAMES.flatMap((name) => {
    const { hooktype } = HOOK_TYPES[name];
    return hooktype === undefined ? [] : [[hooktype, name] as const];
  }),
);

/** BioT's `hooktype` values, for error messages. */
export const BIOT_HOOKTYPES: readonly string[] = [...BY_HOOKTYPE.keys()];

export function hookForHooktype(hooktype: string): HookName | undefined {
  return BY_HOOKTYPE.get(hooktype);
}

export function isHookName(value: unknown): value is HookName {
  return typeof value === 'string' && Object.hasOwn(HOOK_TYPES, value);
}

/** The hook an interception subscription of this type calls. */
export function hookForInterception(type: InterceptionType): HookName {
  const name = HOOK_NAMES.find((hook) => {
    const calledBy: HookTypeSpec['calledBy'] = HOOK_TYPES[hook].calledBy;
    return calledBy.kind === 'interception' && calledBy.type === type;
  });
  if (name === undefined) throw new Error(`No hook handles ${type} interceptions`);
  return name;
}
