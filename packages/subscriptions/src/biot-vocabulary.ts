/**
 * The values BioT's dispatcher accepts when subscribing an endpoint (BIOT-CONTRACT.md §8.4, §9). Checked at
 * synth, so a typo fails `cdk synth` instead of a deploy, or worse, a subscription that never fires.
 */

/** `entityTypeName` of a notification subscription, with the actions BioT notifies for it (BIOT-CONTRACT.md §9). */
export const NOTIFICATION_ACTIONS_BY_ENTITY_TYPE: Readonly<Record<string, readonly string[]>> = Object.freeze(
  {
    caregiver: ['_create', '_delete', '_incomingSms', '_login', '_logout', '_update', '_updateEnabledState'],
    command: ['_create', '_delete', '_start', '_stop', '_update'],
    device: [
      '_activateCertificate',
      '_command',
      '_create',
      '_delete',
      '_generateCertificate',
      '_revokeCertificate',
      '_update',
    ],
    'device-alert': ['_clear', '_create', '_delete', '_update'],
    'generic-entity': ['_create', '_delete', '_update'],
    organization: ['_create', '_delete', '_update', '_updateAdmin'],
    'organization-user': [
      '_create',
      '_delete',
      '_incomingSms',
      '_login',
      '_logout',
      '_update',
      '_updateEnabledState',
    ],
    patient: [
      '_create',
      '_delete',
      '_incomingSms',
      '_login',
      '_logout',
      '_saveMeasurement',
      '_saveMeasurementBulk',
      '_update',
      '_updateEnabledState',
    ],
    'patient-alert': ['_clear', '_create', '_delete', '_update'],
    'registration-code': ['_create', '_delete', '_update'],
    'usage-session': [
      '_create',
      '_delete',
      '_remotePause',
      '_remoteResume',
      '_remoteStart',
      '_remoteStop',
      '_update',
    ],
  },
);

export const NOTIFICATION_ENTITY_TYPES: readonly string[] = Object.freeze(
  Object.keys(NOTIFICATION_ACTIONS_BY_ENTITY_TYPE),
);

export { INTERCEPTION_TYPES, type InterceptionType } from '@biot-plugin/runtime';

/** `<METHOD>/<path>`, e.g. `POST/organization/v1/users/patients` (BIOT-CONTRACT.md §8.4). */
export const API_ID_PATTERN = /^(GET|POST|PUT|PATCH|DELETE)\/\S+$/;
