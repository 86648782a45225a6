import { randomUUID } from 'node:crypto';
import {
  type BiotEmulator,
  type BiotEvent,
  type BuildEventOptions,
  END_USER_SCOPES,
  ENTITY_APIS,
  type EventType,
  functionUrlEvent,
  isStoredEntityType,
  lambdaContext,
  NOTIFICATION_SCOPES,
  notificationBody,
  type ServiceUserCredentials,
  startBiotEmulator,
} from '@biot-plugin/biot-emulator';
import {
  HOOK_TYPES,
  type HookName,
  lambdaHandler,
  loadConfig,
  type PluginDefinition,
  type PluginHandler,
} from '@biot-plugin/runtime';
import {
  type AdaptEntityAnswer,
  type HookAnswers,
  type NotificationAnswer,
  type PostRequestAnswer,
  type PreRequestAnswer,
  readAnswer,
  type ScheduledAnswer,
} from './answers/hook-answer.js';
import { type BiotView, biotView } from './biot/biot-view.js';
import { PluginTestUsageError } from './errors.js';
import type {
  AdaptEntityInput,
  EntityInput,
  InitiatorInput,
  NotificationInput,
  PostRequestInput,
  PreRequestInput,
  ScheduledOptions,
} from './events/inputs.js';
import { type EnvelopeContext, initiatorData, interceptedCall } from './events/intercepted-call.js';
import { newTraceparent } from './events/traceparent.js';
import { captureLogs, type LogCapture, type LogLine } from './logs/log-capture.js';
import { type EventTokens, eventTokens } from './tokens/event-tokens.js';

/** The patients and devices BioT holds during the test. */
export interface SeededEntities {
  readonly patients?: readonly EntityInput[];
  readonly devices?: readonly EntityInput[];
}

/** The levels of `POWERTOOLS_LOG_LEVEL`. */
export type LogLevel = 'SILENT' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'CRITICAL';

export interface PluginTestOptions {
  /**
   * The entities BioT holds, and no others: name only devices and there are no patients.
   * @default the emulator's seed: 3 patients and 2 devices (`seedPatients()`, `seedDevices()`)
   */
  readonly entities?: SeededEntities;
  /** More variables for the handler's environment, or replacements; `undefined` removes one. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * `POWERTOOLS_LOG_LEVEL`. At any level but SILENT the plugin's lines are caught, for
   * `kit.logs()` and each answer's `logs`, instead of being printed. @default 'SILENT'
   */
  readonly logLevel?: LogLevel;
  /** The Lambda's timeout: the time each invocation has left when it starts. @default 3000 */
  readonly timeoutMs?: number;
}

/**
 * What `kit.send` may set: `body` (a string goes as-is), `token`, `traceparent`, and `headers`
 * to add or replace (`undefined` removes one, e.g. `{ hooktype: undefined }`).
 */
export type SendOptions = BuildEventOptions;

/** A plugin under test: its real handler, configured against a BioT emulator of its own. */
export interface PluginTest {
  readonly plugin: PluginDefinition;
  /** The BioT stand-in, for anything the kit does not wrap (faults, key rotation, subscriptions). */
  readonly emulator: BiotEmulator;
  /** What BioT received and what it holds now. */
  readonly biot: BiotView;
  /** The plugin's service user in the emulator (`BIOT_SERVICE_USER_ID`, `BIOT_SERVICE_USER_SECRET_KEY`). */
  readonly serviceUser: ServiceUserCredentials;
  /** The environment the handler was configured from, as a deployment would set it. */
  readonly env: Readonly<Record<string, string>>;
  /** The handler: `lambdaHandler(plugin)` with `env`; a new one (a cold container) after `reset()`. */
  readonly handler: PluginHandler;
  /** Genuine and forged BioT tokens for `send`. */
  readonly tokens: EventTokens;
  /** BioT notifies the plugin of an action on an entity. */
  notification(input: NotificationInput): Promise<NotificationAnswer>;
  /** BioT asks the plugin about an API call before serving it. */
  preRequest(input: PreRequestInput): Promise<PreRequestAnswer>;
  /** BioT shows the plugin an API call and its answer before the caller gets it. */
  postRequest(input: PostRequestInput): Promise<PostRequestAnswer>;
  /** BioT shows the plugin the entities an API is about to return. */
  adaptEntity(input: AdaptEntityInput): Promise<AdaptEntityAnswer>;
  /** The schedule (or BioT, with `via: 'url'`) runs the plugin's job. @param body @default {} */
  scheduled(body?: unknown, options?: ScheduledOptions): Promise<ScheduledAnswer>;
  /**
   * Sends the event type of `hook` with exactly what the test gives: a raw `body` (a string goes
   * as-is), another `token`, `headers` added or removed (`undefined`). What is not given is the
   * emulator's default event of that type, freshly signed.
   */
  send<H extends HookName>(hook: H, options?: SendOptions): Promise<HookAnswers[H]>;
  /** The plugin's log lines since the start (or the last reset), when `logLevel` is not SILENT. */
  logs(): readonly LogLine[];
  /**
   * Back to how the test started: the same entities, no recorded calls, faults or log lines, and a
   * new handler that has not fetched BioT's key or logged in yet.
   */
  reset(): void;
  close(): Promise<void>;
}

/** Lambda's default timeout. */
const DEFAULT_TIMEOUT_MS = 3_000;

/**
 * Starts a BioT emulator seeded with the test's entities, creates the plugin's service user in it,
 * and builds the plugin's handler the way its `src/handler.ts` does (`lambdaHandler(plugin)`),
 * with the environment a deployment would give it pointing at the emulator.
 */
export async function startPluginTest(
  plugin: PluginDefinition,
  options: PluginTestOptions = {},
): Promise<PluginTest> {
  const seeded = checkedEntities(options.entities);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new PluginTestUsageError(`timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  }
  const emulator = await startBiotEmulator({ seed: seeded === undefined });
  const serviceUser = emulator.addServiceUser({ id: randomUUID(), name: `${plugin.name} plugin` });
  const env = handlerEnv(
    {
      BIOT_BASE_URL: emulator.url,
      BIOT_SERVICE_USER_ID: serviceUser.id,
      BIOT_SERVICE_USER_SECRET_KEY: serviceUser.secretKey,
      BIOT_APP_NAME: plugin.name,
      BIOT_SERVICE_ENVIRONMENT: 'test',
      POWERTOOLS_LOG_LEVEL: options.logLevel ?? 'SILENT',
      // The plugin metrics' EMF lines would only drown a test's output; `env` may turn them back on.
      POWERTOOLS_METRICS_DISABLED: 'true',
    },
    options.env,
  );
  const config = loadConfig(env, { appName: plugin.name });
  const capture: LogCapture | undefined =
    config.logLevel.toUpperCase() === 'SILENT' ? undefined : captureLogs(config.appName);
  const seed = () => {
    for (const patient of seeded?.patients ?? []) emulator.entities.patients.put({ ...patient });
    for (const device of seeded?.devices ?? []) emulator.entities.devices.put({ ...device });
  };
  seed();
  let handler = lambdaHandler(plugin, env);
  let closing: Promise<void> | undefined;

  const logsOfTrace = (traceId: string | undefined): readonly LogLine[] =>
    traceId === undefined || capture === undefined
      ? []
      : capture.lines().filter((line) => line.traceId === traceId);

  async function deliver<H extends HookName>(hook: H, event: BiotEvent): Promise<HookAnswers[H]> {
    const result = await handler(
      functionUrlEvent({ headers: event.headers, body: event.body }),
      lambdaContext(timeoutMs),
    );
    return readAnswer(hook, result, logsOfTrace);
  }

  async function envelopeContext(traceparent: string, initiator?: InitiatorInput): Promise<EnvelopeContext> {
    const { subjectId, ownerOrganizationId } = initiatorData(initiator);
    // The end user's own token, as BioT forwards it (claims of BIOT-CONTRACT.md §1.4); BioT's caller
    // claims are dropped, since an end user's token has none of them.
    const endUserToken = await emulator.signEventToken({
      scopes: END_USER_SCOPES,
      claims: {
        serviceUserId: undefined,
        tokenType: 'USER',
        refreshTokenId: randomUUID(),
        tenantId: ownerOrganizationId,
        sub: subjectId,
      },
    });
    return { endUserToken, traceparent, host: new URL(emulator.url).host };
  }

  function storedEntity(entityTypeName: string, id: string): EntityInput {
    if (!isStoredEntityType(entityTypeName)) {
      throw new PluginTestUsageError(
        `The emulator holds patients and devices only; give the ${entityTypeName} itself as \`entity\``,
      );
    }
    const entity = ENTITY_APIS[entityTypeName].collection(emulator.entities).get(id);
    if (entity === undefined) {
      throw new PluginTestUsageError(
        `The emulator holds no ${entityTypeName} ${id}: name it in \`entities.${entityTypeName}s\`, or give \`entity\``,
      );
    }
    return entity;
  }

  return {
    plugin,
    emulator,
    biot: biotView(emulator),
    serviceUser,
    env,
    get handler() {
      return handler;
    },
    tokens: eventTokens(emulator),

    async notification(input) {
      const entity =
        input.entity ??
        (input.entityId === undefined ? undefined : storedEntity(input.entityTypeName, input.entityId));
      const body = notificationBody({ ...input, entity });
      return deliver('notification', await emulator.buildEvent('NOTIFICATION', { body }));
    },

    async preRequest(input) {
      const traceparent = newTraceparent();
      const body = interceptedCall(input, await envelopeContext(traceparent, input.initiator));
      return deliver('preRequest', await emulator.buildEvent('INTERCEPTOR_PRE', { body, traceparent }));
    },

    async postRequest(input) {
      const traceparent = newTraceparent();
      const body = {
        ...interceptedCall(input, await envelopeContext(traceparent, input.initiator)),
        response: { ...input.response },
      };
      return deliver('postRequest', await emulator.buildEvent('INTERCEPTOR_POST', { body, traceparent }));
    },

    async adaptEntity(input) {
      const traceparent = newTraceparent();
      const method = input.method ?? 'GET';
      const path =
        input.path ?? (isStoredEntityType(input.entityName) ? ENTITY_APIS[input.entityName].path : undefined);
      // ADAPT_ENTITY's envelope is inferred (BIOT-CONTRACT.md §1.6): without a known API there is no request to show.
      const envelope =
        path === undefined
          ? {
              initiatorData: initiatorData(input.initiator),
              method,
              entityName: input.entityName,
              ...(input.apiId === undefined ? {} : { apiId: input.apiId }),
            }
          : interceptedCall({ ...input, method, path }, await envelopeContext(traceparent, input.initiator));
      const body = {
        ...envelope,
        response: {
          statusCode: input.statusCode ?? 200,
          entities: input.entities.map((entity) => ({ ...entity })),
        },
      };
      return deliver(
        'adaptEntity',
        await emulator.buildEvent('INTERCEPTOR_POST_ENTITY', { body, traceparent }),
      );
    },

    async scheduled(body = {}, { via = 'invoke' } = {}) {
      if (via === 'url') {
        // One of BioT's service tokens, with the scope the plugin asks of a scheduled call through
        // its URL; a plugin that asks none refuses the call, as deployed.
        const scope = plugin.scheduledViaUrl?.scope;
        const token = await emulator.signEventToken(
          scope === undefined ? {} : { scopes: [...NOTIFICATION_SCOPES, scope] },
        );
        return deliver('scheduled', await emulator.buildEvent('NONSPECIFIC', { body, token }));
      }
      // EventBridge Scheduler invokes the function with the schedule's input itself: no URL, no token.
      const result = await handler(body, lambdaContext(timeoutMs));
      return readAnswer('scheduled', result, logsOfTrace);
    },

    async send(hook, sendOptions = {}) {
      return deliver(hook, await emulator.buildEvent(eventTypeOf(hook), sendOptions));
    },

    logs: () => capture?.lines() ?? [],

    reset() {
      emulator.reset();
      seed();
      capture?.clear();
      handler = lambdaHandler(plugin, env);
    },

    close() {
      closing ??= (async () => {
        capture?.stop();
        await emulator.close();
      })();
      return closing;
    },
  };
}

/** The emulator's name for the calls BioT makes to a hook (HOOK_TYPES: the `hooktype` header, or none). */
function eventTypeOf(hook: HookName): EventType {
  return HOOK_TYPES[hook].hooktype ?? 'NONSPECIFIC';
}

function handlerEnv(
  deployment: Record<string, string>,
  overrides: Readonly<Record<string, string | undefined>> = {},
): Record<string, string> {
  const env: Record<string, string> = { ...deployment };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function checkedEntities(entities: SeededEntities | undefined): SeededEntities | undefined {
  if (entities === undefined) return undefined;
  for (const [kind, list] of Object.entries(entities)) {
    if (kind !== 'patients' && kind !== 'devices') {
      throw new PluginTestUsageError(`The emulator holds patients and devices only, not entities.${kind}`);
    }
    for (const entity of list ?? []) {
      if (typeof entity?._id !== 'string' || entity._id === '') {
        throw new PluginTestUsageError(`Every entity in entities.${kind} needs a string _id`);
      }
    }
  }
  return entities;
}
