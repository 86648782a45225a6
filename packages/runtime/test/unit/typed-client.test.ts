import type { Patient } from '@biot-plugin/biot-api/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BiotClient } from '../../src/biot/biot-client.js';
import { fillPath } from '../../src/biot/typed-calls.js';
import type { PluginHooks } from '../../src/hook-api/hooks.js';
import { functionUrlEvent } from '../support/function-url-events.js';
import { type Harness, lambdaContext, startHarness } from '../support/plugin-harness.js';
import { testHooks } from '../support/test-plugin.js';

/** Runs `work` with a hook's `biot` client, through the real handler against the emulator. */
async function withClient<T>(harness: Harness, work: (biot: BiotClient) => Promise<T>): Promise<T> {
  let outcome: { value: T } | { error: unknown } | undefined;
  const hooks: PluginHooks = {
    ...testHooks,
    notification: async (_event, { biot }) => {
      try {
        outcome = { value: await work(biot) };
      } catch (error) {
        outcome = { error };
      }
    },
  };
  const handler = harness.coldStart({}, hooks);
  await handler(functionUrlEvent(await harness.emulator.buildEvent('NOTIFICATION')), lambdaContext());
  if (outcome === undefined) throw new Error('the hook did not run');
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

describe('the typed BioT client', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it('fills the path template and answers the entity', async () => {
    const [seeded] = harness.emulator.entities.patients.list();
    const id = String(seeded?._id);
    const patient: Patient = await withClient(harness, (biot) =>
      biot.get('/organization/v1/users/patients/{id}', { path: { id } }),
    );
    expect(patient._id).toBe(id);
    const logged = harness.emulator.requests.at(-1);
    expect(logged?.route).toBe('GET /organization/v1/users/patients/{id}');
  });

  it('sends a search request as JSON in searchRequest and answers its typed page', async () => {
    const page = await withClient(harness, (biot) =>
      biot.get('/organization/v1/users/patients', {
        query: { searchRequest: { filter: { _enabled: { eq: 'ENABLED' } }, limit: 1, page: 0 } },
      }),
    );
    expect(page.data).toHaveLength(1);
    expect(page.metadata.page?.limit).toBe(1);
    const sent = new URLSearchParams(harness.emulator.requests.at(-1)?.query ?? '');
    expect(JSON.parse(sent.get('searchRequest') ?? 'null')).toEqual({
      filter: { _enabled: { eq: 'ENABLED' } },
      limit: 1,
      page: 0,
    });
  });

  it('patches with the typed body and keeps a template attribute', async () => {
    const [device] = harness.emulator.entities.devices.list();
    const id = String(device?._id);
    const changed = await withClient(harness, (biot) =>
      biot.patch('/device/v2/devices/{id}', {
        path: { id },
        body: { _description: 'pump', firstSeenAt: 'now' },
      }),
    );
    expect(changed._description).toBe('pump');
    expect(changed.firstSeenAt).toBe('now');
  });

  it('sends allow-interception only when the typed call asks for it', async () => {
    await withClient(harness, async (biot) => {
      await biot.get('/organization/v1/users/patients', { query: { searchRequest: { limit: 1 } } });
      await biot.get('/organization/v1/users/patients', {
        query: { searchRequest: { limit: 1 } },
        allowInterception: true,
      });
    });
    const searches = harness.emulator.requests.filter(
      (r) => r.route === 'GET /organization/v1/users/patients',
    );
    expect(searches.slice(-2).map((r) => r.allowInterception)).toEqual([undefined, 'true']);
  });

  it('turns a refusal of BioT into BiotApiError with the template as its route, never the id', async () => {
    const error = await withClient(harness, (biot) =>
      biot.get('/organization/v1/users/patients/{id}', { path: { id: 'no-such-patient' } }),
    ).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({
      upstreamStatus: 404,
      upstreamCode: 'ENTITY_NOT_FOUND',
      route: 'GET /organization/v1/users/patients/{id}',
    });
  });

  it('encodes path parameters so an id cannot reach another path', () => {
    expect(fillPath('/device/v2/devices/{id}', { id: '../x?y' })).toBe('/device/v2/devices/..%2Fx%3Fy');
  });

  it('refuses a missing path parameter before calling BioT', () => {
    expect(() => fillPath('/device/v2/devices/{id}', {})).toThrow(/needs the path parameter "id"/);
  });
});

/** Compiled by `tsc -b` (pnpm check): each marked line must be a type error, or the build fails. */
export function mistypedCalls(biot: BiotClient): void {
  // @ts-expect-error a path BioT does not serve
  void biot.get('/organization/v1/users/patient/{id}', { path: { id: 'x' } });
  // @ts-expect-error a method BioT does not serve on this path (patients are not PUT)
  void biot.put('/organization/v1/users/patients/{id}', { path: { id: 'x' } });
  // @ts-expect-error a missing path parameter
  void biot.get('/organization/v1/users/patients/{id}');
  // @ts-expect-error a misnamed path parameter
  void biot.get('/organization/v1/users/patients/{id}', { path: { patientId: 'x' } });
  // @ts-expect-error a query parameter the operation does not take
  void biot.get('/organization/v1/users/patients', { query: { searchRequest: {}, pageSize: 3 } });
  // @ts-expect-error a limit must be a number
  void biot.get('/organization/v1/users/patients', { query: { searchRequest: { limit: '5' } } });
  // @ts-expect-error a body of the wrong shape (`_name` is an object)
  void biot.patch('/organization/v1/users/patients/{id}', { path: { id: 'x' }, body: { _name: 'Levi' } });
  // @ts-expect-error the login needs its body
  void biot.post('/ums/v2/services/accessToken');
}

export async function typedAnswers(biot: BiotClient): Promise<void> {
  const login = await biot.post('/ums/v2/services/accessToken', { body: { id: 'a', secretKey: 'b' } });
  // @ts-expect-error the answer is typed: accessToken is a string, not a number
  void login.accessToken.toFixed();
  const page = await biot.get('/device/v2/devices', { query: { searchRequest: { limit: 1 } } });
  const first = page.data[0];
  // @ts-expect-error a device's _id is a string, which has no toFixed
  void first?._id.toFixed();
}
