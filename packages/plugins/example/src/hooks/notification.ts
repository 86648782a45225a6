import { isNotificationAbout, type NotificationHook } from '@biot-plugin/runtime';

/**
 * Runs after an entity changed in BioT. This example re-reads a changed patient through the
 * BioT API (the event's copy is as of the action; the API's is current) and logs what changed.
 * It logs ids and states, never names or other personal data.
 */
export const notification: NotificationHook = async (event, { biot, logger }) => {
  const { entityTypeName, actionName } = event.body.metadata;
  const entityId = isNotificationAbout(event.body, 'patient') ? event.body.data.entity?._id : undefined;
  if (entityId === undefined || actionName === '_delete') {
    logger.info('Notification needs no action', { entityTypeName, actionName });
    return;
  }
  const patient = await biot.get('/organization/v1/users/patients/{id}', { path: { id: entityId } });
  logger.info('Patient changed', { patientId: patient._id, actionName, enabled: patient._enabled });
};
