import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { describeWithMoto, type MotoServer } from '@biot-plugin/test-support/moto';
import { json, startScriptedServer } from '@biot-plugin/test-support/scripted-server';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { SecretUnavailableError } from '../../src/errors.js';
import { NodeSha256 } from '../../src/secret/get-secret-value.js';
import { secretsManagerSecretSource } from '../../src/secret/secret-source.js';
import { serializeServiceSecret } from '../../src/secret/service-secret.js';
import { useMotoSecrets } from '../support/moto-secrets.js';

const SECRET = { keyId: 'k-1', secretKey: 'the-secret-key-that-must-never-leak' };

async function failureOf(promise: Promise<unknown>): Promise<SecretUnavailableError> {
  const failure = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(SecretUnavailableError);
  return failure as SecretUnavailableError;
}

describeWithMoto('the service-user secret read with a signed request of our own, as in Lambda (moto)', () => {
  const aws = useMotoSecrets();
  const createSecret = async (value: string) => (await aws.create(value)).arn;
  /** No SDK client given, static credentials in the environment: Lambda's situation. */
  const lambdaSource = (secretId: string, env: NodeJS.ProcessEnv = aws.moto.env()) =>
    secretsManagerSecretSource(secretId, { maxAgeSeconds: 300, env });

  it('reads AWSCURRENT, also after a rotation moved the stage', async () => {
    const { arn, versionId } = await aws.create(serializeServiceSecret(SECRET));
    expect(await lambdaSource(arn).read({ forceFetch: false })).toEqual(SECRET);

    await aws.rotate(arn, versionId, serializeServiceSecret({ keyId: 'k-2', secretKey: 'second' }));
    expect(await lambdaSource(arn).read({ forceFetch: false })).toEqual({
      keyId: 'k-2',
      secretKey: 'second',
    });
  });

  it('reads a secret by name, with the session token Lambda sets', async () => {
    const name = `plugin-by-name-${Math.random()}`;
    await aws.create(serializeServiceSecret(SECRET), name);
    const env = { ...aws.moto.env(), AWS_SESSION_TOKEN: 'session-token' };
    expect(await lambdaSource(name, env).read({ forceFetch: false })).toEqual(SECRET);
  });

  it('reads a binary secret as UTF-8', async () => {
    const arn = (
      await aws.client.send(
        new CreateSecretCommand({
          Name: `plugin-${Math.random()}`,
          SecretBinary: new TextEncoder().encode(serializeServiceSecret(SECRET)),
        }),
      )
    ).ARN as string;
    expect(await lambdaSource(arn).read({ forceFetch: false })).toEqual(SECRET);
  });

  it('says the secret does not exist, naming the variable to check and not the secret', async () => {
    const failure = await failureOf(
      lambdaSource('arn:aws:secretsmanager:eu-central-1:123456789012:secret:gone-AbCdEf').read({
        forceFetch: false,
      }),
    );
    expect(failure.message).toBe(
      'The service-user secret is unavailable: Secrets Manager has no such secret: check BIOT_SERVICE_USER_SECRET_ARN (ResourceNotFoundException)',
    );
    expect((failure.cause as Error).name).toBe('ResourceNotFoundException');
    expect(String((failure.cause as Error).message)).not.toContain('gone');
  });

  it('says the read was denied when the function’s role may not read the secret', async () => {
    const arn = await createSecret(serializeServiceSecret(SECRET));
    const iam = iamOn(aws.moto);
    await iam('CreateUser', { UserName: 'plugin-without-rights' });
    const key = await iam('CreateAccessKey', { UserName: 'plugin-without-rights' });
    const accessKeyId = /<AccessKeyId>([^<]+)</.exec(key)?.[1] ?? '';
    const secretAccessKey = /<SecretAccessKey>([^<]+)</.exec(key)?.[1] ?? '';
    await iam('CreateUser', { UserName: 'plugin-with-rights' });
    const allowedKey = await iam('CreateAccessKey', { UserName: 'plugin-with-rights' });
    await iam('PutUserPolicy', {
      UserName: 'plugin-with-rights',
      PolicyName: 'read-secret',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }],
      }),
    });
    // From now on moto checks every request's signature and the caller's IAM policies.
    await fetch(`${aws.moto.url}/moto-api/reset-auth`, { method: 'POST', body: '0' });
    try {
      const denied = await failureOf(
        lambdaSource(arn, {
          ...aws.moto.env(),
          AWS_ACCESS_KEY_ID: accessKeyId,
          AWS_SECRET_ACCESS_KEY: secretAccessKey,
        }).read({ forceFetch: false }),
      );
      expect(denied.message).toMatch(
        /^The service-user secret is unavailable: Secrets Manager denied the read: .*secretsmanager:GetSecretValue on the secret.* \(AccessDenied(Exception)?\)$/,
      );

      // The same request signed for a user who may read it passes moto's signature check.
      const allowed = {
        ...aws.moto.env(),
        AWS_ACCESS_KEY_ID: /<AccessKeyId>([^<]+)</.exec(allowedKey)?.[1] ?? '',
        AWS_SECRET_ACCESS_KEY: /<SecretAccessKey>([^<]+)</.exec(allowedKey)?.[1] ?? '',
      };
      expect(await lambdaSource(arn, allowed).read({ forceFetch: false })).toEqual(SECRET);

      const forged = await failureOf(
        lambdaSource(arn, { ...allowed, AWS_SECRET_ACCESS_KEY: 'not-the-key' }).read({ forceFetch: false }),
      );
      expect(forged.message).toMatch(
        /Secrets Manager refused the function's credentials \((SignatureDoesNotMatch|InvalidSignatureException)\)$/,
      );
      expect(forged.message).not.toContain('not-the-key');
    } finally {
      await fetch(`${aws.moto.url}/moto-api/reset-auth`, { method: 'POST', body: 'inf' });
    }
  });
});

/** IAM's query API on moto, signed (moto needs the credential scope to route it to IAM). */
function iamOn(moto: MotoServer) {
  const signer = new SignatureV4({
    service: 'iam',
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    sha256: NodeSha256,
  });
  return async (action: string, parameters: Record<string, string>): Promise<string> => {
    const url = new URL(moto.url);
    const body = new URLSearchParams({ Action: action, Version: '2010-05-08', ...parameters }).toString();
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: {},
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const answer = await fetch(moto.url, { method: 'POST', headers: signed.headers, body });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`IAM ${action} answered ${answer.status}: ${text}`);
    return text;
  };
}

describe('Secrets Manager failures moto cannot produce (a scripted peer)', () => {
  const env = (url: string) => ({
    AWS_ENDPOINT_URL_SECRETS_MANAGER: url,
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret-access-key',
  });

  it('retries a throttled read, then says it was throttled', async () => {
    const server = await startScriptedServer((_request, response) =>
      json(response, 400, { __type: 'ThrottlingException', message: 'Rate exceeded' }),
    );
    try {
      const failure = await failureOf(
        secretsManagerSecretSource('plugin', { maxAgeSeconds: 300, env: env(server.url) }).read({
          forceFetch: false,
        }),
      );
      expect(failure.message).toBe(
        'The service-user secret is unavailable: Secrets Manager throttled the read (ThrottlingException)',
      );
      expect(server.seen).toHaveLength(3);
      const [first] = server.seen;
      expect(first?.headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
      expect(first?.headers['content-type']).toBe('application/x-amz-json-1.1');
      expect(first?.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/secretsmanager\/aws4_request, SignedHeaders=/,
      );
      expect(JSON.parse(first?.body ?? '')).toEqual({ SecretId: 'plugin', VersionStage: 'AWSCURRENT' });
    } finally {
      await server.close();
    }
  });

  it('gives up on a Secrets Manager that does not answer, within its time budget', async () => {
    const server = await startScriptedServer(() => {});
    try {
      const started = Date.now();
      const failure = await failureOf(
        secretsManagerSecretSource('plugin', {
          maxAgeSeconds: 300,
          env: env(server.url),
          timeoutMs: 200,
        }).read({
          forceFetch: false,
        }),
      );
      expect(failure.message).toBe(
        'The service-user secret is unavailable: Secrets Manager did not answer in time',
      );
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await server.close();
    }
  });

  it('says when Secrets Manager cannot be reached', async () => {
    const failure = await failureOf(
      secretsManagerSecretSource('plugin', { maxAgeSeconds: 300, env: env('http://127.0.0.1:9') }).read({
        forceFetch: false,
      }),
    );
    expect(failure.message).toBe(
      'The service-user secret is unavailable: Secrets Manager could not be reached',
    );
  });
});
