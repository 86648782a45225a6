/**
 * The entities BioT defines, as its files describe them (`…Response` schemas). Every one stays
 * open: a BioT template adds attributes of its own (`firstSeenAt`, `_nationalId` masks, ...), which
 * a plugin reads as `unknown` and checks.
 */
import type { components as device } from './generated/device.js';
import type { components as genericEntity } from './generated/generic-entity.js';
import type { components as organization } from './generated/organization.js';

/** Attributes a template adds, beside the ones BioT defines. */
export interface TemplateAttributes {
  [attribute: string]: unknown;
}

type Entity<Schema> = Schema & TemplateAttributes;

export type Patient = Entity<organization['schemas']['PatientResponse']>;
export type Caregiver = Entity<organization['schemas']['CaregiverResponse']>;
export type OrganizationUser = Entity<organization['schemas']['OrganizationUserResponse']>;
export type Organization = Entity<organization['schemas']['OrganizationResponse']>;
export type RegistrationCode = Entity<organization['schemas']['RegistrationCodeResponse']>;
export type PatientAlert = Entity<organization['schemas']['PatientAlertResponse']>;
export type Device = Entity<device['schemas']['DeviceResponse']>;
export type DeviceAlert = Entity<device['schemas']['DeviceAlertResponse']>;
export type UsageSession = Entity<device['schemas']['SessionResponseV2']>;
export type Command = Entity<device['schemas']['CommandResponse']>;
export type GenericEntity = Entity<genericEntity['schemas']['GenericEntityResponse']>;

/**
 * BioT's entity type names (a notification's `metadata.entityTypeName`, BIOT-CONTRACT.md §9) and
 * the entity each names: the table that narrows a notification's `data.entity`.
 */
export interface BiotEntities {
  patient: Patient;
  caregiver: Caregiver;
  'organization-user': OrganizationUser;
  organization: Organization;
  'registration-code': RegistrationCode;
  'patient-alert': PatientAlert;
  device: Device;
  'device-alert': DeviceAlert;
  'usage-session': UsageSession;
  command: Command;
  'generic-entity': GenericEntity;
}

export type EntityTypeName = keyof BiotEntities;

/** BioT's error body (`ErrorResponse`, the same in every service's file). */
export type BiotErrorResponse = organization['schemas']['ErrorResponse'];
