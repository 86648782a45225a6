/** BioT's patient, as BioT's own OpenAPI files define it (template attributes stay open). */
export type { Patient } from '@biot-plugin/runtime';

/** The organization service's patients API (BIOT-CONTRACT.md §6), which every BioT environment has. */
export const PATIENTS = '/organization/v1/users/patients';
