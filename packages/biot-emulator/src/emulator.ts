import { createServer, type Server } from 'node:http';
import { addAdminRoutes } from './admin/admin-routes.js';
import { ApiContract } from './contract/api-contract.js';
import { addDispatcherRoutes } from './dispatcher/dispatcher-routes.js';
import {
  type InterceptionSubscription,
  InterceptionSubscriptions,
} from './dispatcher/interception-subscriptions.js';
import {
  type NotificationSubscription,
  NotificationSubscriptions,
} from './dispatcher/notification-subscriptions.js';
import { addEntityRoutes } from './entities/entity-routes.js';
import { EntityStore } from './entities/entity-store.js';
import { type BiotEvent, type BuildEventOptions, buildEvent } from './events/build-event.js';
import type { EventType } from './events/event-type.js';
import { type PluginAnswer, sendEvent } from './events/send-event.js';
import type { FaultSpec } from './faults/fault.js';
import { FaultPlan } from './faults/fault-plan.js';
import { Router } from './http/router.js';
import { SigningKeys } from './keys/signing-keys.js';
import { RequestLog, type RequestLogEntry } from './observe/request-log.js';
import { type EmulatorStats, RouteStats } from './observe/route-stats.js';
import { type BiotEmulatorOptions, resolveOptions } from './options.js';
import { listen } from './server/listen.js';
import { RequestPipeline } from './server/request-pipeline.js';
import { EventTokenSigner, type SignEventTokenOptions } from './tokens/event-token.js';
import { AccessTokenSessions } from './ums/access-token-sessions.js';
import { ServiceTokenGuard } from './ums/service-token-guard.js';
import {
  type ServiceUserCredentials,
  ServiceUserDirectory,
  type ServiceUserSpec,
  type ServiceUserView,
} from './ums/service-users.js';
import { addUmsRoutes } from './ums/ums-routes.js';

/** A running BioT stand-in. */
export interface BiotEmulator {
  /** `http://127.0.0.1:PORT`, no trailing slash: the plugin's `BIOT_BASE_URL`. */
  readonly url: string;
  /** The served `publicKey`: one-line base64 DER SPKI (BIOT-CONTRACT.md §3). */
  readonly publicKey: string;
  /** The served `previousPublicKey`; equals `publicKey` until the first rotation. */
  readonly previousPublicKey: string;
  /** The most recent BioT-route requests, oldest first (a copy). */
  readonly requests: readonly RequestLogEntry[];
  /** The BioT routes served, as `METHOD /path/{template}` (each one is in BioT's OpenAPI files). */
  readonly routes: readonly string[];
  /** The patients and devices the entity APIs serve. */
  readonly entities: EntityStore;
  /** The dispatcher's current subscriptions (copies). */
  readonly subscriptions: {
    readonly notifications: NotificationSubscription[];
    readonly interceptions: InterceptionSubscription[];
  };
  /** Stops the server; open and hung requests are cut. Safe to call twice. */
  close(): Promise<void>;
  /** A new RSA-2048 signing key; the old one becomes `previousPublicKey`. */
  rotateSigningKey(): void;
  /** A BioT event token: RS512, header `{"alg":"RS512"}` (BIOT-CONTRACT.md §3). */
  signEventToken(options?: SignEventTokenOptions): Promise<string>;
  /** The headers and body BioT would send for this event type. */
  buildEvent(type: EventType, options?: BuildEventOptions): Promise<BiotEvent>;
  /** Builds an event and POSTs it to the plugin. */
  sendEvent(pluginUrl: string, type: EventType, options?: BuildEventOptions): Promise<PluginAnswer>;
  /** Creates a service user; the secret is generated when not given and returned only here. */
  addServiceUser(spec: ServiceUserSpec): ServiceUserCredentials;
  /** A service user as `GET /ums/v2/services/{id}` shows it, for assertions. */
  serviceUser(id: string): ServiceUserView | undefined;
  /** Every service user, as `GET /ums/v2/services/{id}` shows each (key ids, never secrets). */
  serviceUsers(): ServiceUserView[];
  /** Stages a failure on a route; see FaultSpec. Throws EmulatorUsageError on a bad spec. */
  injectFault(spec: FaultSpec): void;
  stats(): EmulatorStats;
  /** Clears faults, request log, stats, sessions and subscriptions; restores seeded entities. Keeps keys and users. */
  reset(): void;
}

/** Starts the emulator on 127.0.0.1 and resolves once it listens. */
export async function startBiotEmulator(options: BiotEmulatorOptions = {}): Promise<BiotEmulator> {
  const settings = resolveOptions(options);
  const keys =
    settings.keyFile === undefined
      ? await SigningKeys.generate()
      : await SigningKeys.fromPemFile(settings.keyFile);
  const signer = new EventTokenSigner(keys);
  const users = new ServiceUserDirectory({
    maxSecretKeys: settings.maxSecretKeys,
    accessTokenExpirationInMinutes: Math.max(1, Math.round(settings.accessTokenTtlSeconds / 60)),
  });
  for (const user of settings.serviceUsers) users.add(user);
  const sessions = new AccessTokenSessions(settings.accessTokenTtlSeconds);
  const guard = new ServiceTokenGuard(sessions, users, {
    revokeTokensOnKeyDelete: settings.revokeTokensOnKeyDelete,
  });
  const notifications = new NotificationSubscriptions();
  const interceptions = new InterceptionSubscriptions();
  const entities = new EntityStore(settings.seed);
  const faults = new FaultPlan();
  const log = new RequestLog(settings.requestLogCapacity);
  const stats = new RouteStats();

  const api = new Router();
  addUmsRoutes(api, { keys, users, sessions, guard });
  addDispatcherRoutes(api, { notifications, interceptions, guard });
  addEntityRoutes(api, entities, guard);
  const admin = new Router();
  const contract = settings.validateAgainstBiotApi ? await ApiContract.load() : undefined;
  const pipeline = new RequestPipeline({ api, admin, faults, log, stats, ...(contract ? { contract } : {}) });
  const server = createServer(pipeline.listener);
  // A client that sends garbage gets its socket closed, not an exception in the test process.
  server.on('clientError', (_error, socket) => socket.destroy());
  const port = await listen(server, settings.port, settings.host);
  const url = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`;
  const apiHost = new URL(url).host;

  let closing: Promise<void> | undefined;
  const emulator: BiotEmulator = {
    url,
    entities,
    routes: api.keys(),
    get publicKey() {
      return keys.publicKey;
    },
    get previousPublicKey() {
      return keys.previousPublicKey;
    },
    get requests() {
      return log.entries();
    },
    get subscriptions() {
      return { notifications: notifications.list(), interceptions: interceptions.list() };
    },
    close() {
      closing ??= closeServer(server, pipeline);
      return closing;
    },
    rotateSigningKey: () => keys.rotate(),
    signEventToken: async (tokenOptions) => signer.sign(tokenOptions),
    buildEvent: async (type, eventOptions = {}) => buildEvent(type, eventOptions, { signer, apiHost }),
    sendEvent: async (pluginUrl, type, eventOptions = {}) =>
      sendEvent(pluginUrl, buildEvent(type, eventOptions, { signer, apiHost })),
    addServiceUser: (spec) => users.add(spec),
    serviceUser: (id) => users.view(id),
    serviceUsers: () => users.views(),
    injectFault: (spec) => {
      faults.inject(spec);
    },
    stats: () => stats.snapshot(),
    reset() {
      faults.clear();
      log.clear();
      stats.clear();
      sessions.clear();
      notifications.clear();
      interceptions.clear();
      entities.reset();
    },
  };
  addAdminRoutes(admin, emulator);
  return emulator;
}

function closeServer(server: Server, pipeline: RequestPipeline): Promise<void> {
  return new Promise((resolve) => {
    pipeline.close();
    server.close(() => resolve());
    // Hung requests and idle keep-alive sockets would otherwise hold close() open.
    server.closeAllConnections();
  });
}
