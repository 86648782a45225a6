import type { NotificationHook } from '@biot-plugin/runtime';
import { PATIENTS, type Patient } from './patients.js';

/**
 * Runs after an entity changed in BioT. This example re-reads a changed patient through the
 * BioT API (the event's copy is as of the action; the API's is current) and logs what changed.
 * It logs ids and states, never names or other personal data.
 */
export const notification: NotificationHook = async (event, { biot, logger }) => {
  const { entityTypeName, actionName } = event.body.metadata;
  const entityId = event.body.data.entity?._id;
  if (entityTypeName !== 'patient' || entityId === undefined || actionName === '_delete') {
    logger.info('Notification needs no action', { entityTypeName, actionName });
    return;
  }
  const patient = await biot.getEntity<Patient>(PATIENTS, entityId);
  logger.info('Patient changed', { patientId: patient._id, actionName, enabled: patient._enabled });
};
