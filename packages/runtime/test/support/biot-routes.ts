/** BioT routes as the emulator counts them (`METHOD /path/{template}`). */
export const LOGIN = 'POST /ums/v2/services/accessToken';
export const PUBLIC_KEY = 'GET /ums/v1/security/public-key';
export const GET_PATIENT = 'GET /organization/v1/users/patients/{id}';
