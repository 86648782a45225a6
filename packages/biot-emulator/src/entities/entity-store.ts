import { EntityCollection } from './entity-collection.js';
import { seedDevices, seedPatients } from './seed-entities.js';

/** The BioT entities the emulator serves: patients and devices. */
export class EntityStore {
  readonly patients: EntityCollection;
  readonly devices: EntityCollection;

  constructor(seed: boolean) {
    this.patients = new EntityCollection('patient', seed ? seedPatients : () => []);
    this.devices = new EntityCollection('device', seed ? seedDevices : () => []);
  }

  reset(): void {
    this.patients.reset();
    this.devices.reset();
  }
}
