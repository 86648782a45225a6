import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BiotEmulator, startBiotEmulator } from '../../src/index.js';
import { call, login } from '../support/http-client.js';
import { writeTestKeyFile } from '../support/test-key-file.js';

const PLUGIN = { id: 'dea7da00-1bce-44aa-8f8d-6027eb7aa536', secretKey: 'plugin-secret-value' };
const PATIENT_ID = '72b65591-2bc4-4b8a-877b-827a5a1057b3';
const keyFile = writeTestKeyFile();

/** GET on the view, over HTTP, as a person with curl looks at it. */
async function view(emulator: BiotEmulator, path: string) {
  const response = await fetch(`${emulator.url}/_emulator/view${path}`);
  return { status: response.status, text: await response.text() };
}

describe('the read-only view under /_emulator/view', () => {
  let emulator: BiotEmulator;

  beforeAll(async () => {
    emulator = await startBiotEmulator({ keyFile, serviceUsers: [PLUGIN] });
  });
  beforeEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('counts what the emulator holds and links to each part', async () => {
    const answer = await view(emulator, '');

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({
      entities: {
        patient: emulator.entities.patients.list().length,
        device: emulator.entities.devices.list().length,
      },
      serviceUsers: 1,
      subscriptions: { notifications: 0, interceptions: 0 },
      requests: 0,
      views: {
        entities: `${emulator.url}/_emulator/view/entities`,
        'service-users': `${emulator.url}/_emulator/view/service-users`,
        subscriptions: `${emulator.url}/_emulator/view/subscriptions`,
        requests: `${emulator.url}/_emulator/view/requests`,
      },
    });
  });

  it('shows the entities as a plugin changed them', async () => {
    const token = await login(emulator, PLUGIN.id, PLUGIN.secretKey);
    await call(emulator, 'PATCH', `/organization/v1/users/patients/${PATIENT_ID}`, {
      token,
      body: { _description: 'seen by the plugin' },
    });

    const { patient } = JSON.parse((await view(emulator, '/entities')).text) as {
      patient: { _id: string; _description?: string }[];
    };

    expect(patient.find((entity) => entity._id === PATIENT_ID)?._description).toBe('seen by the plugin');
  });

  it('lists the service users with their key ids, never a secret', async () => {
    const added = emulator.addServiceUser({ id: 'second-user' });

    const answer = await view(emulator, '/service-users');

    const { serviceUsers } = JSON.parse(answer.text) as {
      serviceUsers: { id: string; secretKeys: { id: string }[] }[];
    };
    expect(serviceUsers.map((user) => user.id)).toEqual([PLUGIN.id, 'second-user']);
    expect(serviceUsers[1]?.secretKeys.map((key) => key.id)).toEqual([added.keyId]);
    expect(answer.text).not.toContain(PLUGIN.secretKey);
    expect(answer.text).not.toContain(added.secretKey);
  });

  it('shows the requests received, the last ones with ?last=n, without tokens or secret keys', async () => {
    const token = await login(emulator, PLUGIN.id, PLUGIN.secretKey);
    await call(emulator, 'GET', `/organization/v1/users/patients/${PATIENT_ID}`, { token });
    await call(emulator, 'PATCH', `/organization/v1/users/patients/${PATIENT_ID}`, {
      token,
      body: {
        _description: `copied ${token}`,
        secretKey: 'a-key-a-plugin-should-not-send',
        nested: { jwt: 'x' },
      },
    });

    const all = await view(emulator, '/requests');
    const last = await view(emulator, '/requests?last=1');

    const { requests } = JSON.parse(all.text) as { requests: { route: string; body?: string }[] };
    expect(requests.map((request) => request.route)).toEqual([
      'POST /ums/v2/services/accessToken',
      'GET /organization/v1/users/patients/{id}',
      'PATCH /organization/v1/users/patients/{id}',
    ]);
    expect(JSON.parse(requests[2]?.body ?? '{}')).toEqual({
      _description: 'copied [REDACTED]',
      secretKey: '[REDACTED]',
      nested: { jwt: '[REDACTED]' },
    });
    expect(JSON.parse(last.text).requests).toHaveLength(1);
    for (const secret of [token, PLUGIN.secretKey, 'a-key-a-plugin-should-not-send']) {
      expect(all.text).not.toContain(secret);
    }
  });

  it('shows the subscriptions BioT would dispatch to', async () => {
    const token = await login(emulator, PLUGIN.id, PLUGIN.secretKey);
    await call(emulator, 'POST', '/dispatcher/v1/hooks/notifications/subscribe', {
      token,
      body: { endpoint: 'http://127.0.0.1:1/', entityTypeName: 'patient', actionName: '_create' },
    });

    const { notifications } = JSON.parse((await view(emulator, '/subscriptions')).text) as {
      notifications: { endpoint: string }[];
    };

    expect(notifications.map((subscription) => subscription.endpoint)).toEqual(['http://127.0.0.1:1/']);
  });

  it('is read-only: anything but GET is refused and changes nothing', async () => {
    const before = emulator.entities.patients.list();

    const response = await fetch(`${emulator.url}/_emulator/view/entities`, { method: 'POST', body: '{}' });

    expect(response.status).toBe(400);
    expect(emulator.entities.patients.list()).toEqual(before);
  });
});
