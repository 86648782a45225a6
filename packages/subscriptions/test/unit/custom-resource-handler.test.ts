import http from 'node:http';
import type { BiotEmulator } from '@biot-plugin/biot-emulator';
import { environmentSecretSource } from '@biot-plugin/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSubscriptionsHandler,
  PLACEHOLDER_SUMMARY,
  physicalResourceIdFor,
  type SubscriptionsHandlerOptions,
} from '../../src/custom-resource-handler.js';
import type { DeclaredSubscriptions } from '../../src/declared-subscriptions.js';
import {
  dispatcherChanges,
  dispatcherFor,
  inFiveSeconds,
  interceptionsIn,
  notificationsIn,
  PLACEHOLDER_JSON,
  recordingLogger,
  SECRET_JSON,
  SERVICE_USER,
  startBiot,
} from '../support/biot.js';
import {
  createEvent,
  deleteEvent,
  FUNCTION_URL,
  lambdaContext,
  NEW_FUNCTION_URL,
  OTHER_PLUGIN_URL,
  updateEvent,
} from '../support/cloudformation.js';

const FIRST_DEPLOY: DeclaredSubscriptions = {
  notifications: [
    { entityTypeName: 'patient', actionName: '_create' },
    { entityTypeName: 'usage-session', actionName: '_update', templateName: 'my-session-template' },
  ],
  interceptions: [
    { type: 'PRE_REQUEST', apiId: 'POST/organization/v1/users/patients', executionOrder: 10 },
    {
      type: 'ADAPT_ENTITY',
      entityName: 'patient',
      pathFilters: { templateName: 'patient-t' },
      executionOrder: 5,
    },
  ],
};

/** Adds device _create, drops the usage-session notification, moves the PRE_REQUEST from 10 to 12. */
const SECOND_DEPLOY: DeclaredSubscriptions = {
  notifications: [
    { entityTypeName: 'patient', actionName: '_create' },
    { entityTypeName: 'device', actionName: '_create' },
  ],
  interceptions: [
    { type: 'PRE_REQUEST', apiId: 'POST/organization/v1/users/patients', executionOrder: 12 },
    {
      type: 'ADAPT_ENTITY',
      entityName: 'patient',
      pathFilters: { templateName: 'patient-t' },
      executionOrder: 5,
    },
  ],
};

const FIRST_NOTIFICATIONS = ['patient _create', 'usage-session _update my-session-template'];
const FIRST_INTERCEPTIONS = [
  'ADAPT_ENTITY patient {templateName=patient-t} @5',
  'PRE_REQUEST POST/organization/v1/users/patients @10',
];

let biot: BiotEmulator;

beforeAll(async () => {
  biot = await startBiot();
});
afterAll(() => biot.close());
beforeEach(() => biot.reset());

function handlerWith(overrides: Partial<SubscriptionsHandlerOptions> = {}) {
  return createSubscriptionsHandler({
    biot: { baseUrl: biot.url, serviceUserId: SERVICE_USER.id },
    secrets: environmentSecretSource(SECRET_JSON),
    logger: recordingLogger(),
    ...overrides,
  });
}

const onEvent = (...args: Parameters<ReturnType<typeof handlerWith>>) => handlerWith()(...args);

describe('a first deploy (Create)', () => {
  it("subscribes every declared notification and interception for the plugin's Function URL", async () => {
    await onEvent(createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(30_000));

    expect(notificationsIn(biot, FUNCTION_URL)).toEqual(FIRST_NOTIFICATIONS);
    expect(interceptionsIn(biot, FUNCTION_URL)).toEqual(FIRST_INTERCEPTIONS);
  });

  it('answers a physical id that stays the same for the same Function URL, and a summary', async () => {
    const response = await onEvent(
      createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }),
      lambdaContext(30_000),
    );

    expect(response.PhysicalResourceId).toBe(physicalResourceIdFor(FUNCTION_URL));
    expect(response.Data?.Summary).toMatch(/2 notification and 2 interception subscription\(s\)/);
  });

  it('registers an environment that declares none by having nothing subscribed', async () => {
    await onEvent(
      createEvent({ endpoint: FUNCTION_URL, notifications: [], interceptions: [] }),
      lambdaContext(30_000),
    );

    expect(biot.subscriptions).toEqual({ notifications: [], interceptions: [] });
  });

  it('unsubscribes what BioT had for the URL that the config does not declare', async () => {
    const dispatcher = await dispatcherFor(biot);
    await dispatcher.subscribeNotification(
      FUNCTION_URL,
      { entityTypeName: 'device', actionName: '_delete' },
      inFiveSeconds(),
    );

    await onEvent(createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(30_000));

    expect(notificationsIn(biot, FUNCTION_URL)).toEqual(FIRST_NOTIFICATIONS);
  });

  it("never touches another endpoint's subscriptions", async () => {
    const dispatcher = await dispatcherFor(biot);
    await dispatcher.subscribeNotification(
      OTHER_PLUGIN_URL,
      { entityTypeName: 'device', actionName: '_delete' },
      inFiveSeconds(),
    );

    await onEvent(createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(30_000));
    await onEvent(deleteEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(30_000));

    expect(notificationsIn(biot, OTHER_PLUGIN_URL)).toEqual(['device _delete']);
  });
});

describe('an update', () => {
  it('adds, removes and re-orders to match the new declared set', async () => {
    await onEvent(createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(30_000));

    await onEvent(
      updateEvent({ endpoint: FUNCTION_URL, ...SECOND_DEPLOY }, { endpoint: FUNCTION_URL, ...FIRST_DEPLOY }),
      lambdaContext(30_000),
    );

    expect(notificationsIn(biot, FUNCTION_URL)).toEqual(['device _create', 'patient _create']);
    expect(interceptionsIn(biot, FUNCTION_URL)).toEqual([
      'ADAPT_ENTITY patient {templateName=patient-t} @5',
      'PRE_REQUEST POST/organization/v1/users/patients @12',
    ]);
  });

  it('re-orders an interception by re-subscribing it, keeping its BioT id', async () => {
    await onEvent(createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(30_000));
    const idBefore = biot.subscriptions.interceptions.find((s) => s.type === 'PRE_REQUEST')?.id;

    await onEvent(
      updateEvent({ endpoint: FUNCTION_URL, ...SECOND_DEPLOY }, { endpoint: FUNCTION_URL, ...FIRST_DEPLOY }),
      lambdaContext(30_000),
    );

    expect(biot.subscriptions.interceptions.find((s) => s.type === 'PRE_REQUEST')?.id).toBe(idBefore);
    expect(dispatcherChanges(biot)).not.toContain('POST /dispatcher/v1/hooks/interceptions/unsubscribe 204');
  });

  it('moves the subscriptions to a new Function URL and leaves the old URL with none', async () => {
    await onEvent(createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(30_000));

    const response = await onEvent(
      updateEvent(
        { endpoint: NEW_FUNCTION_URL, ...FIRST_DEPLOY },
        { endpoint: FUNCTION_URL, ...FIRST_DEPLOY },
      ),
      lambdaContext(30_000),
    );

    expect(notificationsIn(biot, NEW_FUNCTION_URL)).toEqual(FIRST_NOTIFICATIONS);
    expect(interceptionsIn(biot, NEW_FUNCTION_URL)).toEqual(FIRST_INTERCEPTIONS);
    expect(notificationsIn(biot, FUNCTION_URL)).toEqual([]);
    expect(interceptionsIn(biot, FUNCTION_URL)).toEqual([]);
    expect(response.PhysicalResourceId).toBe(physicalResourceIdFor(NEW_FUNCTION_URL));
  });

  it("keeps BioT's order for an interception that declares none", async () => {
    const dispatcher = await dispatcherFor(biot);
    const unordered = { type: 'POST_REQUEST', apiId: 'GET/device/v2/devices' } as const;
    await dispatcher.subscribeInterception(
      FUNCTION_URL,
      { ...unordered, executionOrder: 7 },
      inFiveSeconds(),
    );

    await onEvent(
      updateEvent(
        { endpoint: FUNCTION_URL, notifications: [], interceptions: [unordered] },
        { endpoint: FUNCTION_URL },
      ),
      lambdaContext(30_000),
    );

    expect(interceptionsIn(biot, FUNCTION_URL)).toEqual(['POST_REQUEST GET/device/v2/devices @7']);
    expect(dispatcherChanges(biot)).toEqual(['POST /dispatcher/v1/hooks/interceptions/subscribe 201']);
  });
});

describe('a stack deletion (Delete)', () => {
  it('unsubscribes everything BioT has for the Function URL', async () => {
    await onEvent(createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(30_000));

    await onEvent(deleteEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(30_000));

    expect(biot.subscriptions).toEqual({ notifications: [], interceptions: [] });
  });

  it('also unsubscribes what was subscribed by hand for the URL, spelled with or without its trailing slash', async () => {
    const dispatcher = await dispatcherFor(biot);
    await dispatcher.subscribeNotification(
      FUNCTION_URL.replace(/\/$/, ''),
      { entityTypeName: 'device', actionName: '_delete' },
      inFiveSeconds(),
    );

    await onEvent(deleteEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(30_000));

    expect(biot.subscriptions.notifications).toEqual([]);
  });

  it('answers with the physical id it was given, as CloudFormation requires', async () => {
    const event = deleteEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY });

    const response = await onEvent(event, lambdaContext(30_000));

    expect(response.PhysicalResourceId).toBe((event as { PhysicalResourceId: string }).PhysicalResourceId);
  });
});

describe('a retried event', () => {
  it('changes nothing when a Create is delivered twice', async () => {
    const event = createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY });
    await onEvent(event, lambdaContext(30_000));
    const changesBefore = dispatcherChanges(biot).length;

    await onEvent(event, lambdaContext(30_000));

    expect(dispatcherChanges(biot)).toHaveLength(changesBefore);
    expect(notificationsIn(biot, FUNCTION_URL)).toEqual(FIRST_NOTIFICATIONS);
    expect(interceptionsIn(biot, FUNCTION_URL)).toEqual(FIRST_INTERCEPTIONS);
  });

  it('changes nothing when a Delete is delivered twice', async () => {
    await onEvent(createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(30_000));
    const event = deleteEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY });
    await onEvent(event, lambdaContext(30_000));
    const changesBefore = dispatcherChanges(biot).length;

    await onEvent(event, lambdaContext(30_000));

    expect(dispatcherChanges(biot)).toHaveLength(changesBefore);
  });

  it('treats BioT answering 409 for a subscription that already exists as success', async () => {
    const dispatcher = await dispatcherFor(biot);
    await dispatcher.subscribeNotification(
      FUNCTION_URL,
      { entityTypeName: 'patient', actionName: '_create' },
      inFiveSeconds(),
    );
    // A search that does not yet show it (another deploy raced this one, or BioT's index lags).
    biot.injectFault({
      route: 'GET /dispatcher/v1/hooks/notifications',
      status: 200,
      body: { data: [], metadata: { page: { totalResults: 0, page: 0, limit: 100 } } },
    });

    await onEvent(
      createEvent({
        endpoint: FUNCTION_URL,
        notifications: [{ entityTypeName: 'patient', actionName: '_create' }],
      }),
      lambdaContext(30_000),
    );

    expect(dispatcherChanges(biot)).toContain('POST /dispatcher/v1/hooks/notifications/subscribe 409');
    expect(notificationsIn(biot, FUNCTION_URL)).toEqual(['patient _create']);
  });
});

describe('a failure', () => {
  it('is reported with a reason naming BioT, before the Lambda times out, when BioT does not answer', async () => {
    biot.injectFault({ route: '*', hang: true, times: Number.POSITIVE_INFINITY });
    const handler = handlerWith({ answerMarginMs: 500 });
    const started = Date.now();

    const attempt = handler(createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(2_000));

    await expect(attempt).rejects.toThrow(
      /BioT did not answer POST \/ums\/v2\/services\/accessToken in time/,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('is reported before the timeout when BioT stops answering in the middle of the work', async () => {
    biot.injectFault({
      route: 'GET /dispatcher/v1/hooks/interceptions',
      hang: true,
      times: Number.POSITIVE_INFINITY,
    });
    const handler = handlerWith({ answerMarginMs: 500 });
    const started = Date.now();

    const attempt = handler(
      updateEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }, { endpoint: FUNCTION_URL }),
      lambdaContext(2_000),
    );

    await expect(attempt).rejects.toThrow(
      /did not answer GET \/dispatcher\/v1\/hooks\/interceptions in time/,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('says BioT could not be reached when nothing listens at BIOT_BASE_URL', async () => {
    const closed = await startBiot();
    await closed.close();
    const handler = createSubscriptionsHandler({
      biot: { baseUrl: closed.url, serviceUserId: SERVICE_USER.id },
      secrets: environmentSecretSource(SECRET_JSON),
      logger: recordingLogger(),
    });

    const attempt = handler(createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(10_000));

    await expect(attempt).rejects.toThrow(
      /BioT could not be reached for POST \/ums\/v2\/services\/accessToken/,
    );
  });

  it('names the missing BioT permission when BioT refuses a call', async () => {
    biot.injectFault({
      route: 'POST /dispatcher/v1/hooks/interceptions/subscribe',
      status: 403,
      body: { code: 'FORBIDDEN' },
    });

    const attempt = onEvent(createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(30_000));

    await expect(attempt).rejects.toThrow(
      /BioT answered 403 FORBIDDEN to POST \/dispatcher\/v1\/hooks\/interceptions\/subscribe.*HOOKS_INTERCEPTION_CREATE/,
    );
  });

  it('of a Create undoes the subscriptions it had made, since CloudFormation sends no Delete for it', async () => {
    biot.injectFault({
      route: 'POST /dispatcher/v1/hooks/interceptions/subscribe',
      status: 403,
      body: { code: 'FORBIDDEN' },
    });

    const attempt = onEvent(createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(30_000));

    await expect(attempt).rejects.toThrow(/undid the 2 subscription\(s\)/);
    expect(biot.subscriptions).toEqual({ notifications: [], interceptions: [] });
  });

  it("says the service user could not log in when BioT refuses the secret's key", async () => {
    const handler = handlerWith({
      secrets: environmentSecretSource(JSON.stringify({ keyId: 'k', secretKey: 'wrong' })),
    });

    const attempt = handler(createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(30_000));

    await expect(attempt).rejects.toThrow(
      /could not log in to BioT \(403\).*check the service user id and the key/,
    );
  });

  it('says so when the secret cannot be read', async () => {
    const handler = handlerWith({
      secrets: { read: () => Promise.reject(new Error('AccessDeniedException: not authorized')) },
    });

    const attempt = handler(createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(30_000));

    await expect(attempt).rejects.toThrow(/AccessDeniedException/);
  });

  it('rejects properties that break a dispatcher rule, naming the entry', async () => {
    const attempt = onEvent(
      createEvent({
        endpoint: FUNCTION_URL,
        interceptions: [{ type: 'ADAPT_ENTITY', apiId: 'GET/device/v2/devices', entityName: 'device' }],
      }),
      lambdaContext(30_000),
    );

    await expect(attempt).rejects.toThrow(
      /ResourceProperties.interceptions\[0\].*apiId is for PRE_REQUEST and POST_REQUEST only/,
    );
  });
});

describe('a secret that still holds the placeholder', () => {
  it('lets a first deploy succeed without registering, and says how to finish', async () => {
    const handler = handlerWith({ secrets: environmentSecretSource(PLACEHOLDER_JSON) });

    const response = await handler(
      createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }),
      lambdaContext(30_000),
    );

    expect(response.Data?.Summary).toBe(PLACEHOLDER_SUMMARY);
    expect(biot.requests).toEqual([]);
  });

  it('lets the stack be deleted', async () => {
    const handler = handlerWith({ secrets: environmentSecretSource(PLACEHOLDER_JSON) });

    const response = await handler(
      deleteEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }),
      lambdaContext(30_000),
    );

    expect(response.PhysicalResourceId).toBe(physicalResourceIdFor(FUNCTION_URL));
  });
});

describe('the logs', () => {
  afterEach(() => vi.restoreAllMocks());

  it('never contain the secret or an access token, through a whole create, update, failure and delete', async () => {
    // BioT calls go over node:http (core's node-transport.ts): its requests carry the tokens.
    const sent = vi.spyOn(http, 'request');
    const logger = recordingLogger();
    const handler = handlerWith({ logger });
    await handler(createEvent({ endpoint: FUNCTION_URL, ...FIRST_DEPLOY }), lambdaContext(30_000));
    await handler(
      updateEvent({ endpoint: FUNCTION_URL, ...SECOND_DEPLOY }, { endpoint: FUNCTION_URL, ...FIRST_DEPLOY }),
      lambdaContext(30_000),
    );
    biot.injectFault({ route: 'POST /dispatcher/v1/hooks/notifications/unsubscribe', status: 400 });
    await expect(
      handler(deleteEvent({ endpoint: FUNCTION_URL, ...SECOND_DEPLOY }), lambdaContext(30_000)),
    ).rejects.toThrow();
    await handler(deleteEvent({ endpoint: FUNCTION_URL, ...SECOND_DEPLOY }), lambdaContext(30_000));
    const tokens = new Set(
      sent.mock.calls.flatMap((call) => {
        const options = call[1] as { headers?: Record<string, string> } | undefined;
        const authorization = options?.headers?.authorization;
        return authorization ? [authorization.replace(/^Bearer /, '')] : [];
      }),
    );

    const logs = logger.lines.join('\n');

    expect(tokens.size).toBeGreaterThan(0);
    expect(logs).toContain('subscribe notification device _create');
    expect(logs).toContain('BioT answered 400');
    expect(logs).not.toContain(SERVICE_USER.secretKey);
    for (const token of tokens) expect(logs).not.toContain(token);
    expect(logs).not.toMatch(/Bearer|presigned/);
  });
});
