import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BiotEmulator, seedDevices, seedPatients, startBiotEmulator } from '../../src/index.js';
import { biotError, call, login, searchQuery } from '../support/http-client.js';
import { writeTestKeyFile } from '../support/test-key-file.js';

const PLUGIN = { id: 'dea7da00-1bce-44aa-8f8d-6027eb7aa536', secretKey: 'plugin-secret' };
const PATIENTS = '/organization/v1/users/patients';
const DEVICES = '/device/v2/devices';
const [NOA, AMIR, LENA] = seedPatients() as [
  ReturnType<typeof seedPatients>[number],
  ReturnType<typeof seedPatients>[number],
  ReturnType<typeof seedPatients>[number],
];

describe('entity APIs (patients and devices)', () => {
  const keyFile = writeTestKeyFile();
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

  it('seeds patients shaped like BioT’s captured patient', () => {
    const patient = emulator.entities.patients.get(NOA._id);

    expect(patient).toMatchObject({
      _id: NOA._id,
      _name: { firstName: 'Noa', lastName: 'Cohen' },
      _email: 'noa.cohen@example.com',
      _nationalId: '1231152352',
      _enabled: 'ENABLED',
      _ownerOrganization: { id: '00000000-0000-0000-0000-000000000000', name: 'BioT' },
      _template: { name: 'Patient', displayName: 'Patient' },
      _creationTime: expect.any(String),
      _caption: 'Cohen Noa (1231152352)',
    });
  });

  it('answers 401 with a BioT error body when the token is missing', async () => {
    const answer = await call(emulator, 'GET', PATIENTS);

    expect(answer.status).toBe(401);
    expect(answer.json).toEqual(biotError('UNAUTHORIZED'));
  });

  it('lists all patients with BioT’s list metadata', async () => {
    const answer = await call(emulator, 'GET', PATIENTS, { token });

    expect(answer.status).toBe(200);
    expect(answer.json.data.map((p: { _id: string }) => p._id)).toEqual([NOA._id, AMIR._id, LENA._id]);
    expect(answer.json.metadata.page).toEqual({ totalResults: 3, page: 0, limit: 100 });
  });

  it('filters patients with eq on a top-level field', async () => {
    const query = searchQuery({ filter: { _enabled: { eq: 'DISABLED' } } });

    const answer = await call(emulator, 'GET', `${PATIENTS}${query}`, { token });

    expect(answer.json.data.map((p: { _id: string }) => p._id)).toEqual([LENA._id]);
  });

  it('filters patients with in on _id', async () => {
    const query = searchQuery({ filter: { _id: { in: [AMIR._id, LENA._id] } } });

    const answer = await call(emulator, 'GET', `${PATIENTS}${query}`, { token });

    expect(answer.json.data.map((p: { _id: string }) => p._id)).toEqual([AMIR._id, LENA._id]);
  });

  it('filters on a dotted path the way BioT’s console does', async () => {
    const query = searchQuery({
      limit: 30,
      filter: {
        '_ownerOrganization.id': { in: ['00000000-0000-0000-0000-000000000000'], notIn: [], filter: {} },
      },
      freeTextSearch: '',
    });

    const answer = await call(emulator, 'GET', `${PATIENTS}${query}`, { token });

    expect(answer.json.metadata.page).toEqual({ totalResults: 3, page: 0, limit: 30 });
  });

  it('pages with limit and page', async () => {
    const answer = await call(emulator, 'GET', `${PATIENTS}${searchQuery({ limit: 2, page: 1 })}`, { token });

    expect(answer.json.data.map((p: { _id: string }) => p._id)).toEqual([LENA._id]);
    expect(answer.json.metadata.page).toEqual({ totalResults: 3, page: 1, limit: 2 });
  });

  it('answers 400 for a filter operator it does not implement, rather than ignoring it', async () => {
    const answer = await call(
      emulator,
      'GET',
      `${PATIENTS}${searchQuery({ filter: { _id: { like: 'x' } } })}`,
      {
        token,
      },
    );

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(biotError('INVALID_SEARCH_REQUEST'));
  });

  it('gets one patient by id', async () => {
    const answer = await call(emulator, 'GET', `${PATIENTS}/${AMIR._id}`, { token });

    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(AMIR);
  });

  it('answers 404 ENTITY_NOT_FOUND for an absent patient', async () => {
    const answer = await call(emulator, 'GET', `${PATIENTS}/00000000-dead-beef-0000-000000000000`, { token });

    expect(answer.status).toBe(404);
    expect(answer.json).toEqual(biotError('ENTITY_NOT_FOUND'));
  });

  it('patches a patient by merging the JSON and answers the updated entity', async () => {
    const answer = await call(emulator, 'PATCH', `${PATIENTS}/${NOA._id}`, {
      token,
      body: { _name: { firstName: 'Noa-Lee', lastName: 'Cohen' }, _phone: '+972500000000' },
    });

    expect(answer.status).toBe(200);
    expect(answer.json._name).toEqual({ firstName: 'Noa-Lee', lastName: 'Cohen' });
    expect(answer.json._email).toBe(NOA._email);
    expect(answer.json._phone).toBe('+972500000000');
    expect(answer.json._lastModifiedTime).not.toBe(NOA._lastModifiedTime);
    expect(emulator.entities.patients.get(NOA._id)?._phone).toBe('+972500000000');
  });

  it('never lets a patch change the id', async () => {
    const answer = await call(emulator, 'PATCH', `${PATIENTS}/${NOA._id}`, { token, body: { _id: 'other' } });

    expect(answer.json._id).toBe(NOA._id);
  });

  it('answers 404 when patching an absent patient', async () => {
    const answer = await call(emulator, 'PATCH', `${PATIENTS}/nobody`, { token, body: { _phone: null } });

    expect(answer.status).toBe(404);
  });

  it('answers 400 MALFORMED_JSON when the patch is not JSON', async () => {
    const answer = await call(emulator, 'PATCH', `${PATIENTS}/${NOA._id}`, { token, rawBody: '{' });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(biotError('MALFORMED_JSON'));
  });

  it('restores the seeded patients on reset', async () => {
    await call(emulator, 'PATCH', `${PATIENTS}/${NOA._id}`, {
      token,
      body: { _email: 'changed@example.com' },
    });

    emulator.reset();

    expect(emulator.entities.patients.get(NOA._id)?._email).toBe(NOA._email);
  });

  it('serves devices the same way: search, get, patch, 404', async () => {
    const [pump] = seedDevices() as [ReturnType<typeof seedDevices>[number]];

    const list = await call(
      emulator,
      'GET',
      `${DEVICES}${searchQuery({ filter: { '_patient.id': { eq: NOA._id } } })}`,
      {
        token,
      },
    );
    const one = await call(emulator, 'GET', `${DEVICES}/${pump._id}`, { token });
    const patched = await call(emulator, 'PATCH', `${DEVICES}/${pump._id}`, {
      token,
      body: { _description: 'ICU' },
    });
    const absent = await call(emulator, 'GET', `${DEVICES}/nope`, { token });

    expect(list.json.data.map((d: { _id: string }) => d._id)).toEqual([pump._id]);
    expect(one.json).toEqual(pump);
    expect(patched.json._description).toBe('ICU');
    expect(absent.status).toBe(404);
  });

  it('starts empty when seeding is off', async () => {
    const empty = await startBiotEmulator({ seed: false, keyFile });
    try {
      expect(empty.entities.patients.list()).toEqual([]);
      expect(empty.entities.devices.list()).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
