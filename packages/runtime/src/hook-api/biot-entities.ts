import type { BiotEntities, EntityTypeName } from '@biot-plugin/biot-api/types';
import type { NotificationBody } from '../event/schemas.js';

/**
 * A notification about an entity of type `Name`: its `data.entity` (and `oldEntity`) typed as
 * BioT's files define that entity, template attributes open.
 */
export type NotificationAbout<Name extends EntityTypeName> = NotificationBody & {
  metadata: NotificationBody['metadata'] & { entityTypeName: Name };
  data: NotificationBody['data'] & {
    entity?: BiotEntities[Name];
    additionalData?: { oldEntity?: BiotEntities[Name] } & Record<string, unknown>;
  };
};

/**
 * Narrows a notification by `metadata.entityTypeName`, e.g.
 * `if (isNotificationAbout(event.body, 'device')) event.body.data.entity?._serialNumber`.
 * Types only beside one comparison: BioT's entity is handed on as it arrived.
 */
export function isNotificationAbout<Name extends EntityTypeName>(
  body: NotificationBody,
  entityTypeName: Name,
): body is NotificationAbout<Name> {
  return body.metadata.entityTypeName === entityTypeName;
}
