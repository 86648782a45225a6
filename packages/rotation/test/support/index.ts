/**
 * Test support shared with other packages' tests (`@biot-plugin/rotation/testing`): the Secrets
 * Manager front that plays the rotation service, and plugin fixtures. The moto harness itself is
 * `@biot-plugin/test-support/moto`. Never used at run time.
 */
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
