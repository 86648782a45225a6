import type { Device, Patient } from '@biot-plugin/biot-api/types';
import { describe, expect, it } from 'vitest';
import type { NotificationBody } from '../../src/event/schemas.js';
import { isNotificationAbout } from '../../src/hook-api/biot-entities.js';

function notificationAbout(entityTypeName: string, entity: Record<string, unknown>): NotificationBody {
  return { metadata: { entityTypeName, actionName: '_create' }, data: { entity } };
}

describe('isNotificationAbout', () => {
  it('narrows a notification to the entity type BioT names in its metadata', () => {
    const body = notificationAbout('device', { _id: 'pump-1', _caption: 'Pump', firstSeenAt: 'x' });

    if (!isNotificationAbout(body, 'device')) throw new Error('not about a device');
    const device: Device | undefined = body.data.entity;
    expect(device?._caption).toBe('Pump');
    // A template's own attribute stays readable, as unknown.
    const stamp: unknown = device?.firstSeenAt;
    expect(stamp).toBe('x');
  });

  it('says no for a notification about another entity type', () => {
    expect(isNotificationAbout(notificationAbout('patient', { _id: 'p-1' }), 'device')).toBe(false);
  });
});

/** Compiled by `tsc -b`: the narrowed entity is BioT's, the unnarrowed one is not. */
export function typedEntities(body: NotificationBody): void {
  if (isNotificationAbout(body, 'patient')) {
    const patient: Patient | undefined = body.data.entity;
    // @ts-expect-error a patient's _name.firstName is a string
    void patient?._name.firstName.toFixed();
  }
  // @ts-expect-error 'patients' is not one of BioT's entity type names
  isNotificationAbout(body, 'patients');
}
