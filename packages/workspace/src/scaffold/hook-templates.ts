import type { HookName, InterceptionSubscription, NotificationSubscription } from '@biot-plugin/runtime';

/**
 * What the scaffolder writes for one hook: a small hook that works against any BioT environment
 * (they all have patients), the subscriptions that make BioT call it, and a test of it. Each
 * hook is complete on its own, so any choice of hooks makes a plugin that passes `pnpm check`.
 */
export interface HookTemplate {
  readonly hook: HookName;
  /** `src/hooks/<file>.ts`, and the export is named after the hook. */
  readonly file: string;
  readonly source: string;
  readonly notifications: readonly NotificationSubscription[];
  readonly interceptions: readonly InterceptionSubscription[];
  readonly schedule?: string;
  /** The README's line about it: what it does, and what makes it run. */
  readonly summary: string;
  /** Whether the test must seed patients into the emulated BioT (TEST_PATIENTS) for the hook to read. */
  readonly readsPatients: boolean;
  /** The `it(...)` blocks of the test, indented for a `describe` body. */
  readonly testCases: string;
}

/** How a hook imports PATIENTS_FILE (`src/hooks/patients.ts`); it is written only when one does. */
export const PATIENTS_MODULE = "'./patients.js'";

/** The patients API every BioT environment has; shared by the generated hooks. */
export const PATIENTS_FILE = `/** BioT's patients API, which every BioT environment has. */
export const PATIENTS = '/organization/v1/users/patients';

/** The patient attributes these hooks read. BioT sends many more; they are passed on unchanged. */
export interface Patient {
  _id: string;
  _enabled?: string;
  _email?: string | null;
  _nationalId?: string | null;
  [attribute: string]: unknown;
}
`;

const notification: HookTemplate = {
  hook: 'notification',
  file: 'notification',
  source: `import type { NotificationHook } from '@biot-plugin/runtime';
import { PATIENTS, type Patient } from './patients.js';

/**
 * Runs after BioT created a patient (the notification subscription in ../plugin.ts). The event's
 * copy of the patient is as of the action; this reads the current one through the BioT API. It
 * logs ids and states, never names or other personal data.
 */
export const notification: NotificationHook = async (event, { biot, logger }) => {
  const { entityTypeName, actionName } = event.body.metadata;
  const patientId = event.body.data.entity?._id;
  if (entityTypeName !== 'patient' || patientId === undefined) {
    logger.info('Notification needs no action', { entityTypeName, actionName });
    return;
  }
  const patient = await biot.getEntity<Patient>(PATIENTS, patientId);
  logger.info('Patient created', { patientId: patient._id, enabled: patient._enabled });
};
`,
  notifications: [{ entityTypeName: 'patient', actionName: '_create' }],
  interceptions: [],
  summary: 'after BioT created a patient (`patient _create`), reads the patient back through the BioT API',
  readsPatients: true,
  testCases: `  it('reads a created patient back through the BioT API', async () => {
    const answer = await kit.notification({
      entityTypeName: 'patient',
      actionName: '_create',
      entityId: 'patient-1',
    });

    expect(answer.status).toBe(200);
    expect(kit.biot.calls('GET /organization/v1/users/patients/{id}').map((call) => call.path)).toEqual([
      \`\${PATIENTS}/patient-1\`,
    ]);
  });
`,
};

const preRequest: HookTemplate = {
  hook: 'preRequest',
  file: 'pre-request',
  source: `import { block, type PreRequestHook } from '@biot-plugin/runtime';
import { PATIENTS } from './patients.js';

/**
 * Runs before BioT serves a patients call (the PRE_REQUEST subscriptions in ../plugin.ts):
 * deleting a patient is refused, every other call goes on unchanged.
 */
export const preRequest: PreRequestHook = (event, { logger }) => {
  const { method, request } = event.body;
  if (method === 'DELETE' && request.path.startsWith(\`\${PATIENTS}/\`)) {
    logger.info('Refused to delete a patient', { path: request.path });
    return block(403, 'ACCESS_DENIED', 'Deleting patients is disabled by this plugin');
  }
  return request;
};
`,
  notifications: [],
  interceptions: [
    { type: 'PRE_REQUEST', apiId: 'GET/organization/v1/users/patients' },
    { type: 'PRE_REQUEST', apiId: 'DELETE/organization/v1/users/patients/{id}' },
  ],
  summary:
    'before BioT serves a patient search or delete (PRE_REQUEST), lets the search through and blocks the delete',
  readsPatients: false,
  testCases: `  it('lets a patient search through unchanged', async () => {
    const answer = await kit.preRequest({ method: 'GET', path: PATIENTS, query: { limit: '10' } });

    expect(answer.blocked).toBe(false);
    expect(answer.request?.path).toBe(PATIENTS);
    expect(answer.request?.queryParameters).toEqual({ limit: ['10'] });
  });

  it('blocks deleting a patient', async () => {
    const answer = await kit.preRequest({ method: 'DELETE', path: \`\${PATIENTS}/patient-1\` });

    expect(answer.blocked).toBe(true);
    expect(answer.status).toBe(403);
    expect(answer.error?.code).toBe('ACCESS_DENIED');
  });
`,
};

const postRequest: HookTemplate = {
  hook: 'postRequest',
  file: 'post-request',
  source: `import type { PostRequestHook } from '@biot-plugin/runtime';
import type { Patient } from './patients.js';

/**
 * Runs after BioT answered a patient search (the POST_REQUEST subscription in ../plugin.ts),
 * before the caller sees the answer: search results leave national ids out, so a list of
 * patients never shows them. Any other answer goes on unchanged.
 */
export const postRequest: PostRequestHook = (event) => {
  const { response } = event.body;
  const body = response.body as { data?: unknown } | null | undefined;
  if (typeof body !== 'object' || body === null || !Array.isArray(body.data)) return response;
  return { ...response, body: { ...body, data: body.data.map(withoutNationalId) } };
};

function withoutNationalId(entity: unknown): unknown {
  if (typeof entity !== 'object' || entity === null) return entity;
  const { _nationalId, ...listed } = entity as Patient;
  return listed;
}
`,
  notifications: [],
  interceptions: [{ type: 'POST_REQUEST', apiId: 'GET/organization/v1/users/patients' }],
  summary: 'after BioT answered a patient search (POST_REQUEST), leaves national ids out of the results',
  readsPatients: false,
  testCases: `  it('leaves national ids out of patient search results', async () => {
    const answer = await kit.postRequest({
      method: 'GET',
      path: PATIENTS,
      response: { statusCode: 200, body: { data: [{ _id: 'patient-1', _nationalId: '1231152352' }] } },
    });

    expect(answer.status).toBe(200);
    expect(answer.response?.body).toEqual({ data: [{ _id: 'patient-1' }] });
  });
`,
};

const adaptEntity: HookTemplate = {
  hook: 'adaptEntity',
  file: 'adapt-entity',
  source: `import type { AdaptEntityHook } from '@biot-plugin/runtime';

/**
 * Runs on every patient a BioT API answers with (the ADAPT_ENTITY subscription in ../plugin.ts):
 * e-mail addresses are answered in lower case, however they were typed in.
 */
export const adaptEntity: AdaptEntityHook = (event) => {
  const { response } = event.body;
  return { ...response, entities: response.entities.map(withLowerCaseEmail) };
};

function withLowerCaseEmail<E extends Record<string, unknown>>(entity: E): E {
  const email = entity._email;
  return typeof email === 'string' ? { ...entity, _email: email.toLowerCase() } : entity;
}
`,
  notifications: [],
  interceptions: [{ type: 'ADAPT_ENTITY', entityName: 'patient' }],
  summary: 'on every patient a BioT API answers with (ADAPT_ENTITY), writes e-mail addresses in lower case',
  readsPatients: false,
  testCases: `  it('answers patients with their e-mail address in lower case', async () => {
    const answer = await kit.adaptEntity({
      entityName: 'patient',
      entities: [{ _id: 'patient-1', _email: 'Dana.Levi@Example.com' }],
    });

    expect(answer.status).toBe(200);
    expect(answer.response?.entities).toEqual([{ _id: 'patient-1', _email: 'dana.levi@example.com' }]);
  });
`,
};

const scheduled: HookTemplate = {
  hook: 'scheduled',
  file: 'scheduled',
  source: `import type { ScheduledHook } from '@biot-plugin/runtime';
import { PATIENTS, type Patient } from './patients.js';

/**
 * Runs once a day (the schedule in ../plugin.ts), or when the function is invoked directly:
 * counts the enabled patients, the kind of figure a plugin reports on a schedule.
 */
export const scheduled: ScheduledHook = async (_event, { biot, logger }) => {
  const found = await biot.search<Patient>(PATIENTS, { filter: { _enabled: { eq: 'ENABLED' } }, limit: 1 });
  const enabledPatients = found.metadata?.page?.totalResults ?? found.data.length;
  logger.info('Counted enabled patients', { enabledPatients });
  return { enabledPatients };
};
`,
  notifications: [],
  interceptions: [],
  schedule: 'rate(1 day)',
  summary: 'once a day (`rate(1 day)`), counts the enabled patients through the BioT API',
  readsPatients: true,
  testCases: `  it('counts the enabled patients', async () => {
    const answer = await kit.scheduled();

    expect(answer.status).toBe(200);
    expect(answer.result).toEqual({ enabledPatients: 2 });
  });
`,
};

/** The templates, by hook, in HOOK_NAMES order. */
export const HOOK_TEMPLATES: Readonly<Record<HookName, HookTemplate>> = {
  notification,
  preRequest,
  postRequest,
  adaptEntity,
  scheduled,
};
