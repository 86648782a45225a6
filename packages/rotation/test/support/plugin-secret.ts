import { randomBytes } from 'node:crypto';
import {
  CreateSecretCommand,
  RotateSecretCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { PLACEHOLDER_KEY_ID, serializeServiceSecret } from '@biot-plugin/core';
import { SecretStore } from '../../src/secrets/secret-store.js';

export interface PluginSecretOptions {
  /** Default: a unique name. */
  name?: string;
  /** The key to store as AWSCURRENT, as `pnpm ops secret-set` would; without it the placeholder stays. */
  key?: { keyId: string; secretKey: string };
  /**
   * Configure a rotation schedule of this many days, as the stack's `addRotationSchedule` does.
   * moto records a schedule only through RotateSecret, so this calls moto's RotateSecret once on the
   * placeholder, before the real key is stored (moto then makes a copy of the placeholder current).
   */
  rotationDays?: number;
}

/**
 * A plugin secret as the CDK stack creates it: `{"keyId":"NOT_SET","secretKey":<random>}`, then
 * optionally a schedule and the real key. Give the client moto's own endpoint.
 */
export async function createPluginSecret(
  moto: SecretsManagerClient,
  options: PluginSecretOptions = {},
): Promise<{ arn: string; store: SecretStore }> {
  const created = await moto.send(
    new CreateSecretCommand({
      Name: options.name ?? `biot-plugin-secret-${randomBytes(4).toString('hex')}`,
      SecretString: JSON.stringify({ keyId: PLACEHOLDER_KEY_ID, secretKey: randomBytes(16).toString('hex') }),
    }),
  );
  const arn = created.ARN as string;
  if (options.rotationDays !== undefined) {
    await moto.send(
      new RotateSecretCommand({
        SecretId: arn,
        RotationRules: { AutomaticallyAfterDays: options.rotationDays },
        RotateImmediately: false,
      }),
    );
  }
  const store = new SecretStore(moto, arn);
  if (options.key) await store.putCurrent(serializeServiceSecret(options.key));
  return { arn, store };
}
