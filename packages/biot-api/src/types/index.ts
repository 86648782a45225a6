/**
 * BioT's API as TypeScript types, generated from BioT's own OpenAPI files. Types only: importing
 * this costs a bundle nothing (`import type`).
 */
export type * from './entities.js';
export type * from './typed-api.js';
