/** The emulator's route keys (`emu.stats().byRoute`) of the calls the runtime makes on its own. */
export const PUBLIC_KEY_ROUTE = 'GET /ums/v1/security/public-key';
export const LOGIN_ROUTE = 'POST /ums/v2/services/accessToken';
