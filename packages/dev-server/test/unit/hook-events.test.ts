import {
  type BiotEmulator,
  INTERCEPTOR_SCOPES,
  NOTIFICATION_SCOPES,
  startBiotEmulator,
} from '@biot-plugin/biot-emulator';
import {
  type AdaptEntityHook,
  definePlugin,
  type PluginSpec,
  type PostRequestHook,
  type PreRequestHook,
} from '@biot-plugin/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HookEvent, hookEvent, pluginEvents } from '../../src/events/hook-events.js';

// The calls `pnpm start` and `pnpm invoke` send a plugin, read off its definition. The hooks here
// never run: only what the definition subscribes to matters.
describe('the calls derived from a plugin’s definition', () => {
  let emulator: BiotEmulator;
  beforeAll(async () => {
    emulator = await startBiotEmulator();
  });
  afterAll(() => emulator.close());

  const plugin = (spec: Pick<PluginSpec, 'hooks' | 'subscriptions' | 'schedule' | 'scheduledViaUrl'>) =>
    definePlugin({ name: 'under-test', ...spec });
  const noop = () => undefined;
  const passRequest: PreRequestHook = (event) => event.body.request;
  const passResponse: PostRequestHook = (event) => event.body.response;
  const passEntities: AdaptEntityHook = (event) => event.body.response;
  const field = (event: HookEvent | undefined, ...path: string[]) =>
    path.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], event?.body);

  it('sends one notification per subscription, about a seeded entity of its type', async () => {
    const events = await pluginEvents(
      plugin({
        hooks: { notification: noop },
        subscriptions: {
          notifications: [
            { entityTypeName: 'device', actionName: '_create' },
            { entityTypeName: 'patient', actionName: '_delete' },
          ],
        },
      }),
      emulator,
    );

    expect(events.map((event) => event.name)).toEqual([
      'notification device _create',
      'notification patient _delete',
    ]);
    expect(field(events[0], 'metadata')).toMatchObject({ entityTypeName: 'device', actionName: '_create' });
    expect(field(events[0], 'data', 'entity', '_id')).toBe('pump-0001');
    expect(field(events[1], 'data', 'entity', '_id')).toBe('72b65591-2bc4-4b8a-877b-827a5a1057b3');
    expect(events[0]).toMatchObject({ delivery: 'function-url', scopes: NOTIFICATION_SCOPES });
    expect(field(events[0], 'jwt')).toBeUndefined();
  });

  it('gives a template subscription’s entity that template', async () => {
    const [event] = await pluginEvents(
      plugin({
        hooks: { notification: noop },
        subscriptions: {
          notifications: [{ entityTypeName: 'device', actionName: '_update', templateName: 'pump' }],
        },
      }),
      emulator,
    );

    expect(event?.name).toBe('notification device _update (pump)');
    expect(field(event, 'data', 'entity', '_template', 'name')).toBe('pump');
  });

  it('fills the {id} of an apiId with a seeded entity’s id, and sends no search with it', async () => {
    const [event] = await pluginEvents(
      plugin({
        hooks: { preRequest: passRequest },
        subscriptions: { interceptions: [{ type: 'PRE_REQUEST', apiId: 'PATCH/device/v2/devices/{id}' }] },
      }),
      emulator,
    );

    expect(event?.name).toBe('preRequest PATCH /device/v2/devices/{id}');
    expect(event?.body).toMatchObject({
      method: 'PATCH',
      apiId: 'PATCH/device/v2/devices/{id}',
      entityName: 'device',
    });
    expect(field(event, 'request', 'path')).toBe('/device/v2/devices/pump-0001');
    expect(field(event, 'request', 'queryParameters')).toEqual({});
    expect(field(event, 'request', 'body')).toMatchObject({ _id: 'pump-0001' });
    expect(event?.scopes).toEqual(INTERCEPTOR_SCOPES);
  });

  it('gives a POST_REQUEST call on a search the API’s list as its response', async () => {
    const [event] = await pluginEvents(
      plugin({
        hooks: { postRequest: passResponse },
        subscriptions: { interceptions: [{ type: 'POST_REQUEST', apiId: 'GET/device/v2/devices' }] },
      }),
      emulator,
    );

    expect(field(event, 'request', 'queryParameters', 'searchRequest')).toHaveLength(1);
    expect(field(event, 'response', 'statusCode')).toBe(200);
    expect(
      (field(event, 'response', 'body', 'data') as { _id: string }[]).map((device) => device._id),
    ).toEqual(['pump-0001', 'pump-0002']);
  });

  it('gives an ADAPT_ENTITY call the seeded entities of its entityName', async () => {
    const [event] = await pluginEvents(
      plugin({
        hooks: { adaptEntity: passEntities },
        subscriptions: { interceptions: [{ type: 'ADAPT_ENTITY', entityName: 'device' }] },
      }),
      emulator,
    );

    expect(event?.name).toBe('adaptEntity device');
    expect(event?.body).toMatchObject({ entityName: 'device', apiId: 'GET/device/v2/devices' });
    expect(field(event, 'response', 'entities')).toHaveLength(2);
  });

  it('adds the schedule’s direct invocation when the plugin has a schedule, and nothing without', async () => {
    const scheduled = plugin({ hooks: { scheduled: noop }, subscriptions: {}, schedule: 'rate(1 day)' });

    const [event] = await pluginEvents(scheduled, emulator);

    expect(event).toMatchObject({ name: 'scheduled', hook: 'scheduled', delivery: 'direct', scopes: [] });
    expect(event?.body).toEqual({
      scheduleArn: 'arn:aws:scheduler:local:000000000000:schedule/under-test/scheduled-hook',
      scheduledTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    expect(await pluginEvents(plugin({ hooks: {}, subscriptions: {} }), emulator)).toEqual([]);
  });

  it('sends the scheduled call through the URL, with the plugin’s scope, when the plugin opted in', async () => {
    const scheduled = plugin({
      hooks: { scheduled: noop },
      subscriptions: {},
      schedule: 'rate(1 day)',
      scheduledViaUrl: { scope: 'RUN_REPORTS' },
    });

    const [event] = await pluginEvents(scheduled, emulator);

    expect(event).toMatchObject({ delivery: 'function-url', scopes: ['RUN_REPORTS'] });
  });

  it('gives pnpm invoke the hook’s first subscribed call, or BioT’s default for a hook the plugin lacks', async () => {
    const definition = plugin({
      hooks: { notification: noop },
      subscriptions: { notifications: [{ entityTypeName: 'device', actionName: '_create' }] },
    });

    const subscribed = await hookEvent(definition, 'notification', emulator);
    const lacking = await hookEvent(definition, 'preRequest', emulator);

    expect(subscribed.name).toBe('notification device _create');
    expect(lacking).toMatchObject({ name: 'preRequest', hook: 'preRequest', delivery: 'function-url' });
    expect(field(lacking, 'apiId')).toBe('GET/organization/v1/users/patients');
  });
});
