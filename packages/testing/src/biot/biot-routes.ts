/**
 * The BioT routes the emulator serves, as it names them in `requests` and `stats().byRoute`
 * (its README, "BioT routes"). Typed so that a mistyped route in `kit.biot.calls(...)` fails to
 * compile instead of matching nothing, which would make "the plugin made no such call" pass.
 */
export const BIOT_ROUTES = [
  'GET /ums/v1/security/public-key',
  'POST /ums/v2/services/accessToken',
  'GET /ums/v2/services/{id}',
  'POST /ums/v2/services/{id}/secret-keys',
  'DELETE /ums/v2/services/{id}/secret-keys/{keyId}',
  'POST /dispatcher/v1/hooks/notifications/subscribe',
  'POST /dispatcher/v1/hooks/notifications/unsubscribe',
  'GET /dispatcher/v1/hooks/notifications',
  'POST /dispatcher/v1/hooks/interceptions/subscribe',
  'POST /dispatcher/v1/hooks/interceptions/unsubscribe',
  'GET /dispatcher/v1/hooks/interceptions',
  'GET /organization/v1/users/patients',
  'GET /organization/v1/users/patients/{id}',
  'PATCH /organization/v1/users/patients/{id}',
  'GET /device/v2/devices',
  'GET /device/v2/devices/{id}',
  'PATCH /device/v2/devices/{id}',
] as const;

/** A route template the emulator serves, e.g. `PATCH /device/v2/devices/{id}`. */
export type BiotRoute = (typeof BIOT_ROUTES)[number];
