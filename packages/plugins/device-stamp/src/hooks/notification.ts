import { isNotificationAbout, type NotificationHook } from '@biot-plugin/runtime';

/** BioT's device API, as BioT's OpenAPI file names it (the typed client checks it). */
export const DEVICE = '/device/v2/devices/{id}';

/**
 * The attribute this plugin stamps. It must exist in the device template of the BioT environment
 * (BioT refuses a PATCH of an attribute the template does not define).
 */
const STAMP_ATTRIBUTE = 'firstSeenAt';

/**
 * Runs after BioT created a device: stamps when the device was first seen, from the event's own
 * time. A repeated notification changes nothing: a device that has the stamp keeps it.
 */
export const notification: NotificationHook = async (event, { biot, logger }) => {
  const { entityTypeName, actionName, startTime } = event.body.metadata;
  const deviceId = isNotificationAbout(event.body, 'device') ? event.body.data.entity?._id : undefined;
  if (actionName !== '_create' || deviceId === undefined) {
    logger.info('Notification needs no stamp', { entityTypeName, actionName });
    return;
  }
  // The event's copy is as of the action; the API's is current, and may already carry the stamp.
  const device = await biot.get(DEVICE, { path: { id: deviceId } });
  if (typeof device[STAMP_ATTRIBUTE] === 'string') {
    logger.info('Device already stamped', { deviceId });
    return;
  }
  const stamp = stampTime(startTime);
  await biot.patch(DEVICE, { path: { id: deviceId }, body: { [STAMP_ATTRIBUTE]: stamp } });
  logger.info('Device stamped', { deviceId, [STAMP_ATTRIBUTE]: stamp });
};

/** BioT's `startTime` has nanoseconds (`…T10:00:00.123456789Z`); an ISO instant with milliseconds is kept. */
function stampTime(startTime: string | undefined): string {
  const parsed = startTime === undefined ? Number.NaN : Date.parse(startTime.replace(/(\.\d{3})\d+/, '$1'));
  return new Date(Number.isNaN(parsed) ? Date.now() : parsed).toISOString();
}
