import type { BiotEmulator } from '@biot-plugin/biot-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatcherFor, inFiveSeconds, startBiot } from '../support/biot.js';
import { FUNCTION_URL, OTHER_PLUGIN_URL } from '../support/cloudformation.js';

let biot: BiotEmulator;

beforeAll(async () => {
  biot = await startBiot();
});
afterAll(() => biot.close());
beforeEach(() => biot.reset());

describe("BioT's dispatcher", () => {
  it('lists every subscription of the endpoint, paging past BioT’s page size', async () => {
    const dispatcher = await dispatcherFor(biot);
    for (let template = 0; template < 130; template += 1) {
      await dispatcher.subscribeNotification(
        FUNCTION_URL,
        { entityTypeName: 'patient', actionName: '_create', templateName: `template-${template}` },
        inFiveSeconds(),
      );
    }

    const registered = await dispatcher.registeredFor(FUNCTION_URL, inFiveSeconds());

    expect(registered.notifications).toHaveLength(130);
    expect(biot.requests.filter((r) => r.route === 'GET /dispatcher/v1/hooks/notifications')).toHaveLength(2);
  });

  it("lists no other endpoint's subscriptions", async () => {
    const dispatcher = await dispatcherFor(biot);
    await dispatcher.subscribeNotification(
      OTHER_PLUGIN_URL,
      { entityTypeName: 'patient', actionName: '_create' },
      inFiveSeconds(),
    );

    const registered = await dispatcher.registeredFor(FUNCTION_URL, inFiveSeconds());

    expect(registered).toEqual({ notifications: [], interceptions: [] });
  });

  it('reads an interception with its order, path filters and BioT id', async () => {
    const dispatcher = await dispatcherFor(biot);
    await dispatcher.subscribeInterception(
      FUNCTION_URL,
      {
        type: 'PRE_REQUEST',
        apiId: 'GET/device/v2/devices',
        pathFilters: { templateName: 'x' },
        executionOrder: 4,
      },
      inFiveSeconds(),
    );

    const registered = await dispatcher.registeredFor(FUNCTION_URL, inFiveSeconds());

    expect(registered.interceptions).toEqual([
      {
        type: 'PRE_REQUEST',
        apiId: 'GET/device/v2/devices',
        pathFilters: { templateName: 'x' },
        executionOrder: 4,
        endpoint: FUNCTION_URL,
        id: expect.any(String),
      },
    ]);
  });

  it('reports a subscribe BioT answers 409 to as unchanged', async () => {
    const dispatcher = await dispatcherFor(biot);
    const subscription = { entityTypeName: 'patient', actionName: '_create' };
    await dispatcher.subscribeNotification(FUNCTION_URL, subscription, inFiveSeconds());

    await expect(dispatcher.subscribeNotification(FUNCTION_URL, subscription, inFiveSeconds())).resolves.toBe(
      'unchanged',
    );
  });

  it('reports an unsubscribe BioT answers 404 to as unchanged', async () => {
    const dispatcher = await dispatcherFor(biot);

    await expect(
      dispatcher.unsubscribeInterception(
        { type: 'ADAPT_ENTITY', entityName: 'patient', endpoint: FUNCTION_URL },
        inFiveSeconds(),
      ),
    ).resolves.toBe('unchanged');
  });

  it('retries a subscribe that BioT answered with a transient 503', async () => {
    const dispatcher = await dispatcherFor(biot);
    biot.injectFault({ route: 'POST /dispatcher/v1/hooks/notifications/subscribe', status: 503 });

    const outcome = await dispatcher.subscribeNotification(
      FUNCTION_URL,
      { entityTypeName: 'patient', actionName: '_create' },
      inFiveSeconds(),
    );

    expect(outcome).toBe('changed');
    expect(biot.subscriptions.notifications).toHaveLength(1);
  });
});
