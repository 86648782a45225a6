import { type BiotEntity, type EntityReference, ROOT_ORGANIZATION_ID } from './entity.js';

// Shapes follow the patient captured in BioT's sample events (BIOT-CONTRACT.md §1.3, examples
// notification-patient-create-2023); names and ids are made up.
const ROOT_ORGANIZATION: EntityReference = {
  id: ROOT_ORGANIZATION_ID,
  name: 'BioT',
  templateId: '2aaa71cf-8a10-4253-9576-6fd160a85b2d',
  parentEntityId: null,
};

const PATIENT_TEMPLATE = {
  id: 'a38f32d7-de6c-4252-9061-9bcdc253f6c9',
  name: 'Patient',
  displayName: 'Patient',
};
const DEVICE_TEMPLATE = {
  id: '5f3c2a10-7b4e-4c1d-9a8f-2e6d0b9c4a71',
  name: 'Infusion-Pump',
  displayName: 'Infusion Pump',
};

const CAREGIVER: EntityReference = {
  id: '1b76a006-00c1-47ee-abd4-486c80be9f60',
  name: 'Dana Levi',
  templateId: '336ad952-5261-48b5-918f-0d5aef03dced',
  parentEntityId: null,
};

interface PatientSeed {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  nationalId: string;
  gender: 'MALE' | 'FEMALE';
  dateOfBirth: string;
  enabled: 'ENABLED' | 'DISABLED';
  createdAt: string;
}

const PATIENTS: readonly PatientSeed[] = [
  {
    id: '72b65591-2bc4-4b8a-877b-827a5a1057b3',
    firstName: 'Noa',
    lastName: 'Cohen',
    email: 'noa.cohen@example.com',
    nationalId: '1231152352',
    gender: 'FEMALE',
    dateOfBirth: '1984-03-12',
    enabled: 'ENABLED',
    createdAt: '2025-10-01T08:15:00.000Z',
  },
  {
    id: 'b0c4e2a9-51d3-4f6e-8a27-3c9d1e0f5b62',
    firstName: 'Amir',
    lastName: 'Haddad',
    email: 'amir.haddad@example.com',
    nationalId: '2049981123',
    gender: 'MALE',
    dateOfBirth: '1957-11-30',
    enabled: 'ENABLED',
    createdAt: '2025-10-02T09:40:12.345Z',
  },
  {
    id: 'e5d7f391-0a6b-4c28-9e14-7f2b8c3d6a05',
    firstName: 'Lena',
    lastName: 'Weiss',
    email: 'lena.weiss@example.com',
    nationalId: '3318820457',
    gender: 'FEMALE',
    dateOfBirth: '1999-06-21',
    enabled: 'DISABLED',
    createdAt: '2025-10-03T14:05:59.001Z',
  },
];

/** The patients a fresh emulator holds; a new copy on every call. */
export function seedPatients(): BiotEntity[] {
  return PATIENTS.map((seed) => ({
    _name: { firstName: seed.firstName, lastName: seed.lastName },
    _description: null,
    _email: seed.email,
    _phone: null,
    _locale: 'en_US',
    _gender: seed.gender,
    _dateOfBirth: seed.dateOfBirth,
    _address: null,
    _mfa: { enabled: false, expirationInMinutes: null },
    _additionalPhone: null,
    _nationalId: seed.nationalId,
    _id: seed.id,
    _ownerOrganization: { ...ROOT_ORGANIZATION },
    _caregiver: { ...CAREGIVER },
    _creationTime: seed.createdAt,
    _lastModifiedTime: seed.createdAt,
    _invitationAccepted: false,
    _template: { ...PATIENT_TEMPLATE },
    _referencers: null,
    _enabled: seed.enabled,
    _caption: `${seed.lastName} ${seed.firstName} (${seed.nationalId})`,
    _username: null,
    _registrationSource: null,
    _canLogin: true,
  }));
}

interface DeviceSeed {
  id: string;
  description: string;
  patient: { id: string; name: string } | null;
  createdAt: string;
}

const DEVICES: readonly DeviceSeed[] = [
  {
    id: 'pump-0001',
    description: 'Ward 3 infusion pump',
    patient: { id: '72b65591-2bc4-4b8a-877b-827a5a1057b3', name: 'Cohen Noa' },
    createdAt: '2025-10-01T08:20:00.000Z',
  },
  {
    id: 'pump-0002',
    description: 'Spare infusion pump',
    patient: null,
    createdAt: '2025-10-04T11:00:00.000Z',
  },
];

/** The devices a fresh emulator holds; a new copy on every call. Device ids are chosen by the customer in BioT. */
export function seedDevices(): BiotEntity[] {
  return DEVICES.map((seed) => ({
    _id: seed.id,
    _description: seed.description,
    _timezone: 'UTC',
    _patient:
      seed.patient === null
        ? null
        : {
            id: seed.patient.id,
            name: seed.patient.name,
            templateId: PATIENT_TEMPLATE.id,
            parentEntityId: null,
          },
    _ownerOrganization: { ...ROOT_ORGANIZATION },
    _template: { ...DEVICE_TEMPLATE },
    _creationTime: seed.createdAt,
    _lastModifiedTime: seed.createdAt,
    _caption: seed.id,
    _referencers: null,
  }));
}
