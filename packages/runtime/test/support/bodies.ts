/**
 * Event bodies modelled on the captures in BioT's wire contract (§1.3–1.6), written out here so
 * the tests depend on nothing outside this repository.
 */
const PATIENT_ID = '72b65591-2bc4-4b8a-877b-827a5a1057b3';

const patientEntity = {
  _name: { firstName: 'ben', lastName: 'rose' },
  _email: 'ben+11@example.com',
  _nationalId: '1231152352',
  _enabled: 'ENABLED',
  _id: PATIENT_ID,
  _ownerOrganization: { id: '00000000-0000-0000-0000-000000000000', name: 'BioT' },
  _template: { id: 'a38f32d7-de6c-4252-9061-9bcdc253f6c9', name: 'Patient', displayName: 'Patient' },
  _creationTime: '2023-04-27T13:06:28.444Z',
  _lastModifiedTime: '2023-04-27T13:06:28.444Z',
};

export function notificationBody(
  jwt: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    metadata: {
      entityTypeName: 'patient',
      actionName: '_create',
      status: 'SUCCESS',
      startTime: '2023-04-27T13:06:28.234829169Z',
      endTime: '2023-04-27T13:06:28.802236037Z',
      initiator: { subject: { id: '505f563b-5d85-4f45-b003-6acdac43209a' }, sourceIpAddress: '192.0.2.10' },
    },
    data: { entity: patientEntity, additionalData: {} },
    jwt,
    ...overrides,
  };
}

const searchRequest = JSON.stringify({
  limit: 30,
  filter: {
    '_ownerOrganization.id': { in: ['00000000-0000-0000-0000-000000000000'], notIn: [], filter: {} },
  },
  freeTextSearch: '',
});

const interceptedRequest = {
  body: null,
  path: '/organization/v1/users/patients',
  queryParameters: { searchRequest: [searchRequest] },
  headers: {
    accept: 'application/json, text/plain, */*',
    authorization: 'Bearer end-user-token-not-for-logs',
    traceparent: '00-65fc35a05ce4c540b5e1cd1616f6fa21-a07a7e532f3541d8-00',
  },
  pathVariables: [],
};

const envelope = {
  initiatorData: {
    subjectId: '3e256d8d-e5e2-42bf-a091-1e6b4afef2fb',
    ownerOrganizationId: '00000000-0000-0000-0000-000000000000',
    tokenType: 'USER',
  },
  method: 'GET',
  entityName: 'patient',
  apiId: 'GET/organization/v1/users/patients',
  request: interceptedRequest,
};

export function preBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...envelope, ...overrides };
}

export function postBody(response: Record<string, unknown> = defaultPostResponse()): Record<string, unknown> {
  return { ...envelope, response };
}

function defaultPostResponse(): Record<string, unknown> {
  return {
    statusCode: 200,
    body: { data: [patientEntity], metadata: { page: { totalResults: 1, page: 0, limit: 30 } } },
  };
}

export function adaptEntityBody(entities: unknown[] = [patientEntity]): Record<string, unknown> {
  return { ...envelope, response: { statusCode: 200, entities } };
}
