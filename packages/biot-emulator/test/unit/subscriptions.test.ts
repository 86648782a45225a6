import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BiotEmulator, startBiotEmulator } from '../../src/index.js';
import { biotError, call, login, searchQuery } from '../support/http-client.js';
import { writeTestKeyFile } from '../support/test-key-file.js';

const PLUGIN = { id: 'dea7da00-1bce-44aa-8f8d-6027eb7aa536', secretKey: 'plugin-secret' };
const keyFile = writeTestKeyFile();

describe('notification subscriptions (dispatcher)', () => {
  const ENDPOINT = 'https://abcdefghijklmnop.lambda-url.eu-west-1.on.aws/';
  const OTHER_ENDPOINT = 'https://qrstuvwxyz.lambda-url.eu-west-1.on.aws/';
  const SUBSCRIBE = '/dispatcher/v1/hooks/notifications/subscribe';
  const UNSUBSCRIBE = '/dispatcher/v1/hooks/notifications/unsubscribe';
  const LIST = '/dispatcher/v1/hooks/notifications';

  let emulator: BiotEmulator;
  let token: string;

  beforeAll(async () => {
    emulator = await startBiotEmulator({ keyFile, serviceUsers: [PLUGIN] });
  });
  beforeEach(async () => {
    emulator.reset();
    token = await login(emulator, PLUGIN.id, PLUGIN.secretKey);
  });
  afterAll(() => emulator.close());

  it('subscribes an endpoint with 201 and an id', async () => {
    const body = { entityTypeName: 'patient', actionName: '_create', endpoint: ENDPOINT };

    const answer = await call(emulator, 'POST', SUBSCRIBE, { token, body });

    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({
      ...body,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      creationTime: expect.any(String),
      lastModifiedTime: expect.any(String),
    });
    expect(emulator.subscriptions.notifications).toHaveLength(1);
  });

  it('answers 409 when the same entity, action and endpoint are already subscribed', async () => {
    const body = { entityTypeName: 'patient', actionName: '_create', endpoint: ENDPOINT };
    await call(emulator, 'POST', SUBSCRIBE, { token, body });

    const answer = await call(emulator, 'POST', SUBSCRIBE, { token, body });

    expect(answer.status).toBe(409);
    expect(answer.json).toEqual(biotError('SUBSCRIBER_ALREADY_EXISTS'));
  });

  it('treats a different templateName as a different subscription', async () => {
    const body = { entityTypeName: 'usage-session', actionName: '_update', endpoint: ENDPOINT };
    await call(emulator, 'POST', SUBSCRIBE, { token, body });

    const answer = await call(emulator, 'POST', SUBSCRIBE, {
      token,
      body: { ...body, templateName: 'session' },
    });

    expect(answer.status).toBe(201);
    expect(answer.json.templateName).toBe('session');
  });

  it('answers 400 MISSING_PARAMETERS when endpoint is missing', async () => {
    const answer = await call(emulator, 'POST', SUBSCRIBE, {
      token,
      body: { entityTypeName: 'patient', actionName: '_create' },
    });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(biotError('MISSING_PARAMETERS'));
  });

  it('answers 400 for an entity type outside the contract’s enum', async () => {
    const answer = await call(emulator, 'POST', SUBSCRIBE, {
      token,
      body: { entityTypeName: 'spaceship', actionName: '_create', endpoint: ENDPOINT },
    });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(biotError('INVALID_PARAMETERS'));
    expect(answer.json.details.field).toBe('entityTypeName');
  });

  it('answers 400 for an action name outside the contract’s enum', async () => {
    const answer = await call(emulator, 'POST', SUBSCRIBE, {
      token,
      body: { entityTypeName: 'patient', actionName: 'create', endpoint: ENDPOINT },
    });

    expect(answer.status).toBe(400);
    expect(answer.json.details.field).toBe('actionName');
  });

  it('answers 400 MALFORMED_JSON for a body that is not JSON', async () => {
    const answer = await call(emulator, 'POST', SUBSCRIBE, { token, rawBody: '{"entityTypeName":' });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(biotError('MALFORMED_JSON'));
  });

  it('requires a service access token', async () => {
    const answer = await call(emulator, 'POST', SUBSCRIBE, {
      body: { entityTypeName: 'patient', actionName: '_create', endpoint: ENDPOINT },
    });

    expect(answer.status).toBe(401);
  });

  it('unsubscribes with 204, then answers 404 SUBSCRIBER_NOT_FOUND', async () => {
    const body = { entityTypeName: 'patient', actionName: '_create', endpoint: ENDPOINT };
    await call(emulator, 'POST', SUBSCRIBE, { token, body });

    const first = await call(emulator, 'POST', UNSUBSCRIBE, { token, body });
    const second = await call(emulator, 'POST', UNSUBSCRIBE, { token, body });

    expect(first.status).toBe(204);
    expect(second.status).toBe(404);
    expect(second.json).toEqual(biotError('SUBSCRIBER_NOT_FOUND'));
  });

  it('lists subscriptions filtered by endpoint, with BioT’s list metadata', async () => {
    await call(emulator, 'POST', SUBSCRIBE, {
      token,
      body: { entityTypeName: 'patient', actionName: '_create', endpoint: ENDPOINT },
    });
    await call(emulator, 'POST', SUBSCRIBE, {
      token,
      body: { entityTypeName: 'device', actionName: '_update', endpoint: OTHER_ENDPOINT },
    });

    const answer = await call(
      emulator,
      'GET',
      `${LIST}${searchQuery({ filter: { endpoint: { eq: ENDPOINT } } })}`,
      {
        token,
      },
    );

    expect(answer.status).toBe(200);
    expect(answer.json.data.map((s: { entityTypeName: string }) => s.entityTypeName)).toEqual(['patient']);
    expect(answer.json.metadata).toEqual({
      sort: [],
      filter: { endpoint: { eq: ENDPOINT } },
      page: { totalResults: 1, page: 0, limit: 100 },
      freeTextSearch: '',
    });
  });

  it('lists subscriptions filtered with in', async () => {
    for (const actionName of ['_create', '_update', '_delete']) {
      await call(emulator, 'POST', SUBSCRIBE, {
        token,
        body: { entityTypeName: 'patient', actionName, endpoint: ENDPOINT },
      });
    }

    const answer = await call(
      emulator,
      'GET',
      `${LIST}${searchQuery({ filter: { actionName: { in: ['_create', '_delete'] } } })}`,
      { token },
    );

    expect(answer.json.data.map((s: { actionName: string }) => s.actionName).sort()).toEqual([
      '_create',
      '_delete',
    ]);
  });

  it('answers 400 INVALID_SEARCH_REQUEST for a searchRequest that is not JSON', async () => {
    const answer = await call(emulator, 'GET', `${LIST}?searchRequest=%7Bnope`, { token });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(biotError('INVALID_SEARCH_REQUEST'));
  });
});

describe('interception subscriptions (dispatcher)', () => {
  const SUBSCRIBE = '/dispatcher/v1/hooks/interceptions/subscribe';
  const UNSUBSCRIBE = '/dispatcher/v1/hooks/interceptions/unsubscribe';
  const LIST = '/dispatcher/v1/hooks/interceptions';
  const API_ID = 'POST/organization/v1/users/patients';
  const endpoint = (name: string) => `https://${name}.lambda-url.eu-west-1.on.aws/`;

  let emulator: BiotEmulator;
  let token: string;

  const subscribe = (body: Record<string, unknown>) => call(emulator, 'POST', SUBSCRIBE, { token, body });
  const preRequest = (name: string, executionOrder?: number) =>
    subscribe({ type: 'PRE_REQUEST', apiId: API_ID, endpoint: endpoint(name), executionOrder });
  const ordersByEndpoint = () =>
    Object.fromEntries(emulator.subscriptions.interceptions.map((s) => [s.endpoint, s.executionOrder]));

  beforeAll(async () => {
    emulator = await startBiotEmulator({ keyFile, serviceUsers: [PLUGIN] });
  });
  beforeEach(async () => {
    emulator.reset();
    token = await login(emulator, PLUGIN.id, PLUGIN.secretKey);
  });
  afterAll(() => emulator.close());

  it('subscribes a PRE_REQUEST interception with 201, id, order and times', async () => {
    const answer = await preRequest('alpha', 10);

    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({
      type: 'PRE_REQUEST',
      apiId: API_ID,
      endpoint: endpoint('alpha'),
      pathFilters: {},
      executionOrder: 10,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      creationTime: expect.any(String),
      lastModifiedTime: expect.any(String),
    });
  });

  it('subscribes an ADAPT_ENTITY interception by entityName with its pathFilters', async () => {
    const answer = await subscribe({
      type: 'ADAPT_ENTITY',
      entityName: 'device',
      endpoint: endpoint('alpha'),
      pathFilters: { templateName: 'device-log-file' },
    });

    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({
      entityName: 'device',
      pathFilters: { templateName: 'device-log-file' },
    });
    expect(answer.json.apiId).toBeUndefined();
  });

  it('answers 400 when a PRE_REQUEST names an entityName', async () => {
    const answer = await subscribe({
      type: 'PRE_REQUEST',
      apiId: API_ID,
      entityName: 'patient',
      endpoint: endpoint('a'),
    });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(biotError('INVALID_PARAMETERS'));
  });

  it('answers 400 when an ADAPT_ENTITY names an apiId', async () => {
    const answer = await subscribe({
      type: 'ADAPT_ENTITY',
      apiId: API_ID,
      entityName: 'patient',
      endpoint: endpoint('a'),
    });

    expect(answer.status).toBe(400);
    expect(answer.json.details.field).toBe('apiId');
  });

  it('answers 400 MISSING_PARAMETERS when a POST_REQUEST has no apiId', async () => {
    const answer = await subscribe({ type: 'POST_REQUEST', endpoint: endpoint('a') });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(biotError('MISSING_PARAMETERS'));
  });

  it('answers 400 for an unknown interception type', async () => {
    const answer = await subscribe({ type: 'MID_REQUEST', apiId: API_ID, endpoint: endpoint('a') });

    expect(answer.status).toBe(400);
    expect(answer.json.details.field).toBe('type');
  });

  it('answers 400 for an executionOrder that is not an integer', async () => {
    const answer = await preRequest('alpha', 1.5);

    expect(answer.status).toBe(400);
    expect(answer.json.details.field).toBe('executionOrder');
  });

  it('pushes the holder of a taken order up by one, and then any further clash', async () => {
    await preRequest('alpha', 1);
    await preRequest('bravo', 2);
    await preRequest('charlie', 5);

    await preRequest('delta', 1);

    expect(ordersByEndpoint()).toEqual({
      [endpoint('delta')]: 1,
      [endpoint('alpha')]: 2,
      [endpoint('bravo')]: 3,
      [endpoint('charlie')]: 5,
    });
  });

  it('keeps orders of other APIs untouched by a clash', async () => {
    await subscribe({
      type: 'PRE_REQUEST',
      apiId: 'GET/device/v2/devices',
      endpoint: endpoint('alpha'),
      executionOrder: 1,
    });

    await preRequest('bravo', 1);

    expect(ordersByEndpoint()).toEqual({ [endpoint('alpha')]: 1, [endpoint('bravo')]: 1 });
  });

  it('overrides the order when the same subscription is made again, keeping its id (answer 201)', async () => {
    const first = await preRequest('alpha', 1);
    await preRequest('bravo', 2);

    const again = await preRequest('alpha', 2);

    expect(again.status).toBe(201);
    expect(again.json.id).toBe(first.json.id);
    expect(emulator.subscriptions.interceptions).toHaveLength(2);
    expect(ordersByEndpoint()).toEqual({ [endpoint('alpha')]: 2, [endpoint('bravo')]: 3 });
  });

  it('gives an unordered subscription the default order 1', async () => {
    const answer = await subscribe({ type: 'PRE_REQUEST', apiId: API_ID, endpoint: endpoint('alpha') });

    expect(answer.json.executionOrder).toBe(1);
  });

  it('unsubscribes with 204, then answers 404 SUBSCRIBER_NOT_FOUND', async () => {
    await subscribe({ type: 'ADAPT_ENTITY', entityName: 'patient', endpoint: endpoint('alpha') });
    const body = { type: 'ADAPT_ENTITY', entityName: 'patient', endpoint: endpoint('alpha') };

    const first = await call(emulator, 'POST', UNSUBSCRIBE, { token, body });
    const second = await call(emulator, 'POST', UNSUBSCRIBE, { token, body });

    expect(first.status).toBe(204);
    expect(second.status).toBe(404);
    expect(second.json).toEqual(biotError('SUBSCRIBER_NOT_FOUND'));
  });

  it('matches unsubscribe on pathFilters too', async () => {
    await subscribe({
      type: 'ADAPT_ENTITY',
      entityName: 'device',
      endpoint: endpoint('a'),
      pathFilters: { templateName: 'x' },
    });

    const answer = await call(emulator, 'POST', UNSUBSCRIBE, {
      token,
      body: { type: 'ADAPT_ENTITY', entityName: 'device', endpoint: endpoint('a') },
    });

    expect(answer.status).toBe(404);
  });

  it('lists interceptions filtered by endpoint and type', async () => {
    await preRequest('alpha', 1);
    await subscribe({ type: 'ADAPT_ENTITY', entityName: 'patient', endpoint: endpoint('alpha') });
    await preRequest('bravo', 2);

    const query = searchQuery({
      filter: { endpoint: { eq: endpoint('alpha') }, type: { in: ['ADAPT_ENTITY'] } },
    });
    const answer = await call(emulator, 'GET', `${LIST}${query}`, { token });

    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual([
      expect.objectContaining({ type: 'ADAPT_ENTITY', entityName: 'patient' }),
    ]);
    expect(answer.json.metadata.page).toEqual({ totalResults: 1, page: 0, limit: 100 });
  });
});
