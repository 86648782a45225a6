import {
  type BiotEmulator,
  type BiotEntity,
  ENTITY_APIS,
  type EventType,
  entityApiOfPath,
  INTERCEPTOR_SCOPES,
  isStoredEntityType,
  NOTIFICATION_SCOPES,
} from '@biot-plugin/biot-emulator';
import {
  HOOK_TYPES,
  type HookName,
  hookForInterception,
  type InterceptionSubscription,
  type NotificationSubscription,
  type PluginDefinition,
} from '@biot-plugin/runtime';
import { entitiesOfType } from './entity-apis.js';

/** One call BioT would make to a plugin, derived from what the plugin's definition subscribes to. */
export interface HookEvent {
  /** How the table names it: `notification device _create`, `preRequest GET /device/v2/devices/{id}`. */
  readonly name: string;
  readonly hook: HookName;
  /** BioT's body: the emulator's default for the event type, made to match the subscription. */
  readonly body: Record<string, unknown>;
  /**
   * How the call arrives: through the plugin's Function URL, as BioT calls, or as a direct
   * invocation with no token, as the plugin's schedule invokes the function (infra's HookSchedule).
   */
  readonly delivery: 'function-url' | 'direct';
  /** The scopes of the token BioT signs for the call (BIOT-CONTRACT.md §3); none for a direct invocation. */
  readonly scopes: readonly string[];
}

/** What the events are built with: a running emulator, or a short-lived one that only builds. */
export type EventBuilder = Pick<BiotEmulator, 'buildEvent' | 'entities'>;

/** The emulator's name for the call BioT makes to a hook: its `hooktype`, or NONSPECIFIC without one. */
export function eventTypeOf(hook: HookName): EventType {
  return HOOK_TYPES[hook].hooktype ?? 'NONSPECIFIC';
}

/** The scopes BioT's token carries for a call of this type (BIOT-CONTRACT.md §3), as the emulator signs them. */
function biotScopesOf(type: EventType): readonly string[] {
  return type === 'NOTIFICATION' || type === 'NONSPECIFIC' ? NOTIFICATION_SCOPES : INTERCEPTOR_SCOPES;
}

/**
 * Every call the plugin's definition makes BioT send: one per notification subscription (about a
 * seeded entity of its type), one per interception subscription (its apiId's method and path, or
 * entities of its entityName), and a scheduled call when the plugin has a schedule.
 */
export async function pluginEvents(plugin: PluginDefinition, biot: EventBuilder): Promise<HookEvent[]> {
  const events: HookEvent[] = [];
  for (const subscription of plugin.subscriptions.notifications) {
    events.push(await notificationEvent(subscription, biot));
  }
  for (const subscription of plugin.subscriptions.interceptions) {
    events.push(await interceptionEvent(subscription, biot));
  }
  if (plugin.schedule !== undefined) events.push(await scheduledEvent(plugin));
  return events;
}

/**
 * The call for one hook, as `pnpm invoke` sends it: the one for the hook's first subscription, or
 * BioT's default for the event type when the plugin has none (the plugin then answers 404).
 */
export async function hookEvent(
  plugin: PluginDefinition,
  hook: HookName,
  biot: EventBuilder,
): Promise<HookEvent> {
  const subscribed = (await pluginEvents(plugin, biot)).find((event) => event.hook === hook);
  if (subscribed !== undefined) return subscribed;
  if (hook === 'scheduled') return scheduledEvent(plugin);
  return biotCall(hook, hook, await defaultBody(biot, eventTypeOf(hook)));
}

/** A call through the Function URL with BioT's token for its type. */
function biotCall(name: string, hook: HookName, body: Record<string, unknown>): HookEvent {
  return { name, hook, body, delivery: 'function-url', scopes: biotScopesOf(eventTypeOf(hook)) };
}

async function notificationEvent(
  subscription: NotificationSubscription,
  biot: EventBuilder,
): Promise<HookEvent> {
  const { entityTypeName, actionName, templateName } = subscription;
  const body = await defaultBody(biot, 'NOTIFICATION');
  const [entity] = entitiesOfType(biot.entities, entityTypeName) as [BiotEntity];
  return biotCall(
    `notification ${entityTypeName} ${actionName}${templateName === undefined ? '' : ` (${templateName})`}`,
    'notification',
    {
      ...body,
      metadata: { ...(body.metadata as object), entityTypeName, actionName },
      data: { ...(body.data as object), entity: withTemplate(entity, templateName) },
    },
  );
}

async function interceptionEvent(
  subscription: InterceptionSubscription,
  biot: EventBuilder,
): Promise<HookEvent> {
  const hook = hookForInterception(subscription.type);
  const envelope = await defaultBody(biot, eventTypeOf(hook));
  if (subscription.type === 'ADAPT_ENTITY') {
    const entityName = subscription.entityName;
    const path = isStoredEntityType(entityName)
      ? ENTITY_APIS[entityName].path
      : (envelope.request as { path: string }).path;
    return biotCall(`${hook} ${entityName}`, hook, {
      ...apiCall(envelope, 'GET', path, `GET${path}`, entityName ?? null, { search: true }),
      response: { statusCode: 200, entities: entitiesOfType(biot.entities, entityName) },
    });
  }
  const apiId = subscription.apiId ?? '';
  const { method, template } = splitApiId(apiId);
  const api = entityApiOfPath(template);
  const entities = entitiesOfType(biot.entities, api?.entityTypeName);
  const [entity] = entities as [BiotEntity];
  // BioT's apiId names the path with its variables (`…/patients/{id}`); the call has real ids.
  const path = template.replace(/\{[^/}]+\}/g, entity._id);
  const search = method === 'GET' && api !== undefined && api.id === undefined;
  const request = apiCall(envelope, method, path, apiId, api?.entityTypeName ?? null, {
    search,
    ...(['POST', 'PUT', 'PATCH'].includes(method) ? { body: entity } : {}),
  });
  const name = `${hook} ${method} ${template}`;
  if (subscription.type === 'PRE_REQUEST') return biotCall(name, hook, request);
  return biotCall(name, hook, {
    ...request,
    response: apiResponse(envelope, method, search ? entities : entity),
  });
}

/**
 * The schedule's call. Deployed, EventBridge Scheduler invokes the function directly, with when
 * the run was due (infra's HookSchedule). A plugin that opted into `scheduledViaUrl` may also be
 * called through its URL, with a BioT token carrying its scope, and is called that way here.
 */
function scheduledEvent(plugin: PluginDefinition): HookEvent {
  if (plugin.scheduledViaUrl !== undefined) {
    const scopes = [plugin.scheduledViaUrl.scope];
    return { name: 'scheduled', hook: 'scheduled', body: {}, delivery: 'function-url', scopes };
  }
  return {
    name: 'scheduled',
    hook: 'scheduled',
    body: {
      scheduleArn: `arn:aws:scheduler:local:000000000000:schedule/${plugin.name}/scheduled-hook`,
      scheduledTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    delivery: 'direct',
    scopes: [],
  };
}

/**
 * The emulator's default body for the type: the one description of what BioT sends (contract
 * §1). Without its token: the token is the sender's to add, a forged one included.
 */
async function defaultBody(biot: EventBuilder, type: EventType): Promise<Record<string, unknown>> {
  const { jwt: _token, ...body } = JSON.parse((await biot.buildEvent(type)).body) as Record<string, unknown>;
  return body;
}

/** The intercepted end user's call: the default envelope (a patient search) turned into this one. */
function apiCall(
  envelope: Record<string, unknown>,
  method: string,
  path: string,
  apiId: string,
  entityName: string | null,
  options: { search: boolean; body?: unknown },
): Record<string, unknown> {
  const request = envelope.request as Record<string, unknown>;
  return {
    ...envelope,
    method,
    entityName,
    apiId,
    request: {
      ...request,
      path,
      // Only a search carries the search request; BioT's console sends one with every list call.
      queryParameters: options.search ? request.queryParameters : {},
      body: options.body ?? null,
    },
  };
}

/** What the API answered, as a POST_REQUEST event carries it (BIOT-CONTRACT.md §1.5, [I]). */
function apiResponse(envelope: Record<string, unknown>, method: string, result: BiotEntity | BiotEntity[]) {
  if (Array.isArray(result)) {
    const metadata = (field(field(envelope.response, 'body'), 'metadata') ?? {}) as Record<string, unknown>;
    const page = { ...(metadata.page as object | undefined), totalResults: result.length, page: 0 };
    return { statusCode: 200, body: { data: result, metadata: { ...metadata, page } } };
  }
  return method === 'DELETE' ? { statusCode: 200 } : { statusCode: 200, body: result };
}

/** `DELETE/organization/v1/users/patients/{id}` → DELETE and the path (BIOT-CONTRACT.md §8.4). */
function splitApiId(apiId: string): { method: string; template: string } {
  const slash = apiId.indexOf('/');
  if (slash === -1) return { method: apiId.toUpperCase(), template: '/' };
  return { method: apiId.slice(0, slash).toUpperCase(), template: apiId.slice(slash) };
}

/** A subscription narrowed to a template is only called for entities of that template. */
function withTemplate(entity: BiotEntity, templateName: string | undefined): BiotEntity {
  if (templateName === undefined) return entity;
  return { ...entity, _template: { ...(entity._template as object | undefined), name: templateName } };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
