export {
  type CreatedSecretKey,
  type SecretKeyInfo,
  UmsClient,
  type UmsClientOptions,
} from './biot/ums-client.js';
export { type BiotTarget, biotTargetFromEnv, ROTATION_ENV } from './config.js';
export {
  CurrentKeyRejectedError,
  InvalidRotationEventError,
  KeyCapError,
  KeyNotInBiotError,
  PendingKeyRejectedError,
  RotationConfigurationError,
  RotationError,
  SecretStateError,
} from './errors.js';
export { oldestFirst } from './rotation/biot-keys.js';
export { type KeyedSecret, readKeyedSecret } from './rotation/keyed-secret.js';
export {
  decodeRotationFailure,
  encodeRotationFailure,
  ROTATION_FAILURE_TAG,
  type RotationFailure,
} from './rotation/rotation-failure.js';
export {
  createRotationHandler,
  type RotationHandler,
  type RotationHandlerOptions,
} from './rotation/rotation-handler.js';
export { ROTATION_STEPS, type RotationEvent, type RotationStep } from './rotation/rotation-step.js';
export {
  type SecretDescription,
  SecretStore,
  type SecretVersionInfo,
  STAGE,
  type Stage,
  versionWithStage,
} from './secrets/secret-store.js';
