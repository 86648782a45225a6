/** The root organization every BioT tenant has; owner of all seeded entities. */
export const ROOT_ORGANIZATION_ID = '00000000-0000-0000-0000-000000000000';

/** A BioT entity as its API returns it: built-in attributes start with `_` (BIOT-CONTRACT.md §1.3). */
export type BiotEntity = Record<string, unknown> & { _id: string };

/** A reference to another entity, as in `_ownerOrganization` or `_patient`. */
export interface EntityReference {
  id: string;
  name: string | null;
  templateId: string | null;
  parentEntityId: string | null;
}
