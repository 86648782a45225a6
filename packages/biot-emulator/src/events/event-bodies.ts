import { type BiotEntity, ROOT_ORGANIZATION_ID } from '../entities/entity.js';
import { seedPatients } from '../entities/seed-entities.js';

// Default event bodies, modelled on the captured events (BIOT-CONTRACT.md §1.3–§1.6). They use the seed
// fixtures, not the live store, so a default event is the same whatever a test patched.

/** The end user whose API call is being intercepted, or whose action caused a notification. */
export const END_USER_ID = '3e256d8d-e5e2-42bf-a091-1e6b4afef2fb';

const PATIENTS_PATH = '/organization/v1/users/patients';

// Exactly what BioT's console sends for the patient list (BIOT-CONTRACT.md §1.4 capture).
const PATIENT_SEARCH_REQUEST = JSON.stringify({
  limit: 30,
  filter: { '_ownerOrganization.id': { in: [ROOT_ORGANIZATION_ID], notIn: [], filter: {} } },
  freeTextSearch: '',
});

/** A notification for the creation of the first seeded patient (BIOT-CONTRACT.md §1.3). */
export function patientCreatedNotification(): Record<string, unknown> {
  const [patient] = seedPatients() as [BiotEntity];
  const start = Date.now();
  return {
    metadata: {
      entityTypeName: 'patient',
      actionName: '_create',
      status: 'SUCCESS',
      startTime: withNanoseconds(start),
      endTime: withNanoseconds(start + 377),
      initiator: { subject: { id: END_USER_ID }, sourceIpAddress: '127.0.0.1:59290' },
    },
    data: { entity: patient, additionalData: {} },
  };
}

export interface EnvelopeContext {
  /** The end user's token, as BioT forwards it inside the intercepted request's headers. */
  endUserToken: string;
  traceparent: string;
  /** The host the end user called: the emulator itself. */
  host: string;
}

/** A PRE_REQUEST body: an end user listing patients (BIOT-CONTRACT.md §1.4). */
export function patientSearchEnvelope({
  endUserToken,
  traceparent,
  host,
}: EnvelopeContext): Record<string, unknown> {
  return {
    initiatorData: { subjectId: END_USER_ID, ownerOrganizationId: ROOT_ORGANIZATION_ID, tokenType: 'USER' },
    method: 'GET',
    entityName: 'patient',
    apiId: `GET${PATIENTS_PATH}`,
    request: {
      body: null,
      path: PATIENTS_PATH,
      queryParameters: { searchRequest: [PATIENT_SEARCH_REQUEST] },
      headers: {
        accept: 'application/json, text/plain, */*',
        authorization: `Bearer ${endUserToken}`,
        traceparent,
        host,
      },
      pathVariables: [],
    },
  };
}

/** The `response` of a POST_REQUEST body: the search API's answer (BIOT-CONTRACT.md §1.5, field names [I]). */
export function patientSearchResponse(): Record<string, unknown> {
  const patients = seedPatients();
  return {
    statusCode: 200,
    body: {
      data: patients,
      metadata: {
        sort: [],
        filter: { '_ownerOrganization.id': { in: [ROOT_ORGANIZATION_ID], notIn: [] } },
        page: { totalResults: patients.length, page: 0, limit: 30 },
        freeTextSearch: '',
      },
    },
  };
}

/** The `response` of an ADAPT_ENTITY body: the entities to adapt (BIOT-CONTRACT.md §1.6, field names [I]). */
export function patientEntitiesResponse(): Record<string, unknown> {
  const [patient] = seedPatients() as [BiotEntity];
  return { statusCode: 200, entities: [patient] };
}

/** BioT's notification times carry nanoseconds (BIOT-CONTRACT.md §1.3); ours are milliseconds padded out. */
function withNanoseconds(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, -1)}${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}Z`;
}
