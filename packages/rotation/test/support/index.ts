/**
 * Test support shared with other packages' tests (`@biot-plugin/rotation/testing`): moto_server,
 * the Secrets Manager front that plays the rotation service, and plugin fixtures. Never used at run time.
 */
export {
  describeWithMoto,
  MOTO_AVAILABLE,
  MOTO_MISSING_MESSAGE,
  type MotoServer,
  motoOnPath,
  startMoto,
} from './moto.js';
export { createPluginSecret, type PluginSecretOptions } from './plugin-secret.js';
export {
  type NewPluginOptions,
  type RotationRig,
  SILENT_LOGGER,
  startRotationRig,
  type TestPlugin,
} from './rotation-rig.js';
export {
  type SecretsManagerFront,
  type SecretsManagerFrontOptions,
  type StartedRotation,
  startSecretsManagerFront,
} from './secrets-manager-front.js';
