/** The organization service's patients API (BIOT-CONTRACT.md §6), which every BioT environment has. */
export const PATIENTS = '/organization/v1/users/patients';

/** The patient attributes these example hooks read. BioT returns many more; they are kept. */
export interface Patient {
  _id: string;
  _name?: { firstName?: string | null; lastName?: string | null } | null;
  _nationalId?: string | null;
  _enabled?: string;
  [attribute: string]: unknown;
}
