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

/** What varies between BioT's notifications; the rest is the captured shape. */
export interface NotificationBodyInput {
  readonly entityTypeName: string;
  readonly actionName: string;
  /** `data.entity`; absent when not given. */
  readonly entity?: Readonly<Record<string, unknown>> | undefined;
  /** `data.additionalData.oldEntity`: the entity before an `_update`. */
  readonly oldEntity?: Readonly<Record<string, unknown>> | undefined;
  /** `metadata.startTime`, ISO-8601 with nanoseconds. @default - now */
  readonly startTime?: string | undefined;
  /** `metadata.initiator.subject.id`. @default END_USER_ID */
  readonly initiatorId?: string | undefined;
}

/** How long the captured action took; BioT's `endTime` is after `startTime`. */
const ACTION_DURATION_MS = 377;

/** A notification body as BioT sends it (BIOT-CONTRACT.md §1.3), without `jwt`: buildEvent signs it. */
export function notificationBody(input: NotificationBodyInput): Record<string, unknown> {
  const startTime = input.startTime ?? withNanoseconds(Date.now());
  const started = Date.parse(startTime.replace(/(\.\d{3})\d+/, '$1'));
  return {
    metadata: {
      entityTypeName: input.entityTypeName,
      actionName: input.actionName,
      status: 'SUCCESS',
      startTime,
      endTime: withNanoseconds((Number.isNaN(started) ? Date.now() : started) + ACTION_DURATION_MS),
      initiator: { subject: { id: input.initiatorId ?? END_USER_ID }, sourceIpAddress: '127.0.0.1:59290' },
    },
    data: {
      ...(input.entity === undefined ? {} : { entity: input.entity }),
      additionalData: input.oldEntity === undefined ? {} : { oldEntity: input.oldEntity },
    },
  };
}

/** A notification for the creation of the first seeded patient (BIOT-CONTRACT.md §1.3). */
export function patientCreatedNotification(): Record<string, unknown> {
  const [patient] = seedPatients() as [BiotEntity];
  return notificationBody({ entityTypeName: 'patient', actionName: '_create', entity: patient });
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
  return `${new Date(epochMs).toISOString().slice(0, -1)}000000Z`;
}
