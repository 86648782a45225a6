import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { type MotoServer, startMoto } from '@biot-plugin/test-support/moto';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** Secrets Manager as the core's secret tests use it: moto, an SDK client, and a rotation's moves. */
export interface MotoSecrets {
  readonly moto: MotoServer;
  readonly client: SecretsManagerClient;
  /** A new secret holding `value`; its ARN and the version holding AWSCURRENT. */
  create(value: string, name?: string): Promise<{ arn: string; versionId: string }>;
  /**
   * What a rotation does: `value` staged AWSPENDING, then AWSCURRENT moved to it from
   * `currentVersionId`. Answers the new version's id.
   */
  rotate(arn: string, currentVersionId: string, value: string): Promise<string>;
}

/**
 * Starts moto for the file, empties it before each test and stops it after the last: call at
 * the top of a `describeWithMoto` body. The fields are there once `beforeAll` has run.
 */
export function useMotoSecrets(): MotoSecrets {
  const secrets = {} as { moto: MotoServer; client: SecretsManagerClient };
  beforeAll(async () => {
    secrets.moto = await startMoto();
    secrets.client = new SecretsManagerClient(secrets.moto.clientConfig());
  });
  beforeEach(() => secrets.moto.reset());
  afterAll(async () => {
    secrets.client?.destroy();
    await secrets.moto?.close();
  });
  return {
    get moto() {
      return secrets.moto;
    },
    get client() {
      return secrets.client;
    },
    async create(value, name = `plugin-${Math.random()}`) {
      const created = await secrets.client.send(new CreateSecretCommand({ Name: name, SecretString: value }));
      return { arn: created.ARN as string, versionId: created.VersionId as string };
    },
    async rotate(arn, currentVersionId, value) {
      const pending = await secrets.client.send(
        new PutSecretValueCommand({ SecretId: arn, SecretString: value, VersionStages: ['AWSPENDING'] }),
      );
      await secrets.client.send(
        new UpdateSecretVersionStageCommand({
          SecretId: arn,
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: pending.VersionId,
          RemoveFromVersionId: currentVersionId,
        }),
      );
      return pending.VersionId as string;
    },
  };
}
