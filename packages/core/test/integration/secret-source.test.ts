import {
  DeleteSecretCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { describeWithMoto } from '@biot-plugin/test-support/moto';
import { beforeEach, expect, it } from 'vitest';
import { SecretUnavailableError } from '../../src/errors.js';
import { readSecretValue, secretsManagerSecretSource } from '../../src/secret/secret-source.js';
import { PLACEHOLDER_KEY_ID, serializeServiceSecret } from '../../src/secret/service-secret.js';
import { useMotoSecrets } from '../support/moto-secrets.js';

describeWithMoto('the service-user secret read from Secrets Manager (moto)', () => {
  const aws = useMotoSecrets();
  let clock = 0;
  beforeEach(() => {
    clock = 1_000_000;
  });

  const createSecret = async (value: string) => (await aws.create(value)).arn;
  const sourceOf = (secretId: string, maxAgeSeconds = 300) =>
    secretsManagerSecretSource(secretId, { maxAgeSeconds, client: async () => aws.client, now: () => clock });

  it('shares one read among callers that ask while it is in flight', async () => {
    const arn = await createSecret(serializeServiceSecret({ keyId: 'k-1', secretKey: 'first' }));
    let sent = 0;
    const counting = {
      send: (...args: Parameters<SecretsManagerClient['send']>) => {
        sent += 1;
        return aws.client.send(...args);
      },
    };
    const secrets = secretsManagerSecretSource(arn, {
      maxAgeSeconds: 300,
      client: async () => counting as unknown as SecretsManagerClient,
      now: () => clock,
    });

    const reads = await Promise.all([1, 2, 3].map(() => secrets.read({ forceFetch: false })));

    expect(reads.map((read) => read.keyId)).toEqual(['k-1', 'k-1', 'k-1']);
    expect(sent).toBe(1);
    await secrets.read({ forceFetch: true });
    expect(sent).toBe(2);
  });

  it('reads AWSCURRENT and keeps it for its maximum age', async () => {
    const arn = await createSecret(serializeServiceSecret({ keyId: 'k-1', secretKey: 'first' }));
    const secrets = sourceOf(arn);
    expect(await secrets.read({ forceFetch: false })).toEqual({ keyId: 'k-1', secretKey: 'first' });

    await aws.client.send(
      new PutSecretValueCommand({
        SecretId: arn,
        SecretString: serializeServiceSecret({ keyId: 'k-2', secretKey: 'second' }),
      }),
    );

    expect(await secrets.read({ forceFetch: false })).toMatchObject({ keyId: 'k-1' });
    clock += 300_000;
    expect(await secrets.read({ forceFetch: false })).toMatchObject({ keyId: 'k-2' });
  });

  it('follows AWSCURRENT when a rotation moves the stage, and reads past its cache when asked', async () => {
    const { arn, versionId } = await aws.create(serializeServiceSecret({ keyId: 'k-1', secretKey: 'first' }));
    const secrets = sourceOf(arn);
    await secrets.read({ forceFetch: false });
    await aws.rotate(arn, versionId, serializeServiceSecret({ keyId: 'k-2', secretKey: 'second' }));

    expect(await secrets.read({ forceFetch: false })).toMatchObject({ keyId: 'k-1' });
    expect(await secrets.read({ forceFetch: true })).toMatchObject({ keyId: 'k-2' });
    expect(await readSecretValue(aws.client, arn, { stage: 'AWSPREVIOUS' })).toContain('"k-1"');
  });

  it('tells the stack’s placeholder apart from an unreadable secret', async () => {
    const placeholder = await createSecret(
      JSON.stringify({ keyId: PLACEHOLDER_KEY_ID, secretKey: 'generated' }),
    );

    const failure = await sourceOf(placeholder)
      .read({ forceFetch: false })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(SecretUnavailableError);
    expect(failure).toMatchObject({ placeholder: true, status: 503, code: 'SECRET_UNAVAILABLE' });

    const missing = await sourceOf('arn:aws:secretsmanager:eu-central-1:123456789012:secret:gone-AbCdEf')
      .read({ forceFetch: false })
      .catch((error: unknown) => error);
    expect(missing).toMatchObject({ placeholder: false, code: 'SECRET_UNAVAILABLE' });
    expect((missing as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });
    expect((missing as Error).message).not.toContain('gone');
  });

  it('keeps the last good value when Secrets Manager fails on a routine refresh, but not when forced', async () => {
    const arn = await createSecret(serializeServiceSecret({ keyId: 'k-1', secretKey: 'first' }));
    const secrets = sourceOf(arn, 60);
    await secrets.read({ forceFetch: false });
    await aws.client.send(new DeleteSecretCommand({ SecretId: arn, ForceDeleteWithoutRecovery: true }));
    clock += 120_000;

    expect(await secrets.read({ forceFetch: false })).toEqual({ keyId: 'k-1', secretKey: 'first' });
    await expect(secrets.read({ forceFetch: true })).rejects.toBeInstanceOf(SecretUnavailableError);
  });
});
