/** Scopes of BioT's notification token, as captured (contract §3, jwt-claims-notification). */
export const NOTIFICATION_SCOPES: readonly string[] = Object.freeze([
  'PROTECTED_API',
  'ACTION_NOTIFICATION',
  'PERMISSIONS_SYNC_PERMISSIONS',
]);

/** Scopes of BioT's interceptor token, as captured (contract §3, jwt-claims-interceptor). */
export const INTERCEPTOR_SCOPES: readonly string[] = Object.freeze([
  'SETTINGS_MINIMIZED_SEARCH_TEMPLATE',
  'UMS_USERS_UPDATE_USER',
  'MEASUREMENT_GET_LAST_MEASUREMENTS',
  'FILE_SEARCH_FILES',
  'SETTINGS_SEARCH_ATTRIBUTE',
  'FILE_GET_FILE_METADATA',
  'SETTINGS_SEARCH_ENTITY_TYPES',
  'PROTECTED_API',
  'UMS_USERS_SEARCH_USER',
  'ENTITY_RELATIONSHIP_SEARCH',
  'SETTINGS_GET_REFERENCE_ATTRIBUTES',
  'SETTINGS_GET_TEMPLATE',
  'ENTITY_RELATIONSHIP_ATTRIBUTE_REFERENCES_COUNT',
  'ENTITY_ENTITY_SEARCH',
  'UMS_USERS_CREATE_USER',
  'UMS_USERS_DELETE_USER',
  'PLUGIN_INTERCEPTOR',
  'SETTINGS_GET_CUSTOM_ATTRIBUTES',
  'SETTINGS_SEARCH_TEMPLATE',
  'PERMISSIONS_SYNC_PERMISSIONS',
]);

/** Scopes of an end user's token, the one carried inside an intercepted request's headers. */
export const END_USER_SCOPES: readonly string[] = Object.freeze([
  'SETTINGS_MINIMIZED_SEARCH_TEMPLATE',
  'PROTECTED_API',
  'SETTINGS_GET_TEMPLATE',
  'UMS_USERS_SELF_GET_USER',
  'SETTINGS_SEARCH_TEMPLATE',
]);
