/**
 * The project's copy of BioT's OpenAPI files and what reads them at build, synth and test time
 * (never in a plugin's bundle): the files, their operations, the validator the emulator uses.
 * Types for plugins: `@biot-plugin/biot-api/types`.
 */
export {
  type ApiFile,
  basePathOf,
  HTTP_METHODS,
  type OpenApiDocument,
  type OpenApiMethod,
  PROJECT_API_DIR,
  readApiFiles,
} from './files/api-files.js';
export {
  ApiValidator,
  type ReceivedRequest,
  type RequestVerdict,
  type ValidatorOptions,
} from './validate/api-validator.js';
export { type ApiOperation, ApiOperations } from './validate/operations.js';
