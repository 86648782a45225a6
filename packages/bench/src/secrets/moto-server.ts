import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { motoOnPath, startMoto } from '@biot-plugin/test-support/moto';

/**
 * A local Secrets Manager (moto) on 127.0.0.1, so the runtime's secret reads are real calls.
 * Started with the repository's one moto harness (`@biot-plugin/test-support/moto`).
 */
export interface MotoServer {
  readonly url: string;
  /** Creates a secret and answers its ARN. */
  createSecret(name: string, value: string): Promise<string>;
  /** The AWS SDK environment for a process that reaches Secrets Manager through `endpoint`. */
  env(endpoint: string): Record<string, string>;
  close(): Promise<void>;
}

export type MotoStart = { available: true; server: MotoServer } | { available: false; reason: string };

/** Starts `moto_server`; `available: false` when it is not installed or does not come up. */
export async function startMotoServer(): Promise<MotoStart> {
  if (!motoOnPath()) return { available: false, reason: 'moto_server not found' };
  let moto: Awaited<ReturnType<typeof startMoto>>;
  try {
    moto = await startMoto();
  } catch {
    return { available: false, reason: 'moto_server did not start' };
  }
  const client = new SecretsManagerClient(moto.clientConfig());
  return {
    available: true,
    server: {
      url: moto.url,
      async createSecret(name, value) {
        const created = await client.send(new CreateSecretCommand({ Name: name, SecretString: value }));
        if (created.ARN === undefined) throw new Error('moto answered CreateSecret without an ARN');
        return created.ARN;
      },
      env: (endpoint) => ({ ...moto.env(endpoint), AWS_EC2_METADATA_DISABLED: 'true' }),
      async close() {
        client.destroy();
        await moto.close();
      },
    },
  };
}
