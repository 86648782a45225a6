import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describeWithMoto, type MotoServer, startMoto } from '@biot-plugin/test-support/moto';
import {
  awsOperation,
  type RecordingProxy,
  startRecordingProxy,
} from '@biot-plugin/test-support/recording-proxy';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GET_PATIENT, LOGIN, PUBLIC_KEY } from '../support/biot-routes.js';
import {
  bodyOf,
  type Harness,
  SERVICE_SECRET,
  SERVICE_USER_ID,
  startHarness,
  trackCalls,
} from '../support/plugin-harness.js';
import { newSigningKey, signToken } from '../support/signing-keys.js';

/**
 * A deployed plugin's secret: BIOT_SERVICE_USER_SECRET_ARN, read from (moto's) Secrets Manager
 * with the static credentials Lambda puts in the environment, through the real handler. A recording
 * proxy in front of moto shows what went over the wire.
 */
describeWithMoto('the handler reading its service-user secret from Secrets Manager, as in Lambda', () => {
  let moto: MotoServer;
  let proxy: RecordingProxy;
  let client: SecretsManagerClient;
  let harness: Harness;
  let arn: string;

  beforeAll(async () => {
    moto = await startMoto();
    proxy = await startRecordingProxy(moto.url);
    client = new SecretsManagerClient(moto.clientConfig());
    harness = await startHarness({
      processEnv: { ...moto.env(proxy.url), AWS_SESSION_TOKEN: 'lambda-session' },
    });
    const keyId = harness.emulator.serviceUser(SERVICE_USER_ID)?.secretKeys[0]?.id ?? 'k-1';
    arn = (
      await client.send(
        new CreateSecretCommand({
          Name: `test-plugin-${Date.now()}`,
          SecretString: JSON.stringify({ keyId, secretKey: SERVICE_SECRET }),
        }),
      )
    ).ARN as string;
  });
  afterAll(async () => {
    client?.destroy();
    await harness?.close();
    await proxy?.close();
    await moto?.close();
  });

  it('logs in with the secret read by one signed GetSecretValue, and answers', async () => {
    const calls = trackCalls(harness.emulator);
    const before = proxy.requests().length;
    const handler = harness.coldStart({ BIOT_SERVICE_USER_SECRET_ARN: arn });
    const { functionUrlEvent, lambdaContext } = await import('@biot-plugin/biot-emulator');
    const event = await harness.emulator.buildEvent('NOTIFICATION');
    const result = await handler(functionUrlEvent(event), lambdaContext());

    expect(result.statusCode).toBe(200);
    expect(calls.to(LOGIN)).toBe(1);
    expect(calls.to(GET_PATIENT)).toBe(1);
    const reads = proxy.requests().slice(before);
    expect(reads.map(awsOperation)).toEqual(['secretsmanager.GetSecretValue']);
    expect(String(reads[0]?.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=testing\//);
    expect(reads[0]?.headers['x-amz-security-token']).toBe('lambda-session');
  });

  it("reads the secret while BioT's key is fetched, not after it, on a cold container", async () => {
    const keyLatencyMs = 400;
    harness.emulator.injectFault({ route: PUBLIC_KEY, latencyMs: keyLatencyMs });
    const before = proxy.requests().length;
    const handler = harness.coldStart({ BIOT_SERVICE_USER_SECRET_ARN: arn });
    const { functionUrlEvent, lambdaContext } = await import('@biot-plugin/biot-emulator');
    const event = functionUrlEvent(await harness.emulator.buildEvent('NOTIFICATION'));
    const invokedAt = Date.now();
    const result = await handler(event, lambdaContext());

    expect(result.statusCode).toBe(200);
    const reads = proxy.requests().slice(before);
    expect(reads.map(awsOperation)).toEqual(['secretsmanager.GetSecretValue']);
    // One after the other, the read could not start before the key's answer.
    expect((reads[0]?.receivedAt ?? Number.POSITIVE_INFINITY) - invokedAt).toBeLessThan(keyLatencyMs);
  });

  it('logs in nowhere for a token signed by another key, though its cold container has read the secret', async () => {
    const calls = trackCalls(harness.emulator);
    const handler = harness.coldStart({ BIOT_SERVICE_USER_SECRET_ARN: arn });
    const { functionUrlEvent, lambdaContext } = await import('@biot-plugin/biot-emulator');
    const forged = await signToken(await newSigningKey());
    const event = await harness.emulator.buildEvent('NOTIFICATION', { token: forged });
    const result = await handler(functionUrlEvent(event), lambdaContext());

    expect(result.statusCode).toBe(401);
    expect(calls.to(LOGIN)).toBe(0);
    expect(calls.to(GET_PATIENT)).toBe(0);
  });

  it('answers 503 SECRET_UNAVAILABLE naming the missing secret’s cause, without the ARN’s name in the message', async () => {
    const missing = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:no-such-plugin-AbCdEf';
    const handler = harness.coldStart({ BIOT_SERVICE_USER_SECRET_ARN: missing });
    const { functionUrlEvent, lambdaContext } = await import('@biot-plugin/biot-emulator');
    const event = await harness.emulator.buildEvent('NOTIFICATION');
    const result = await handler(functionUrlEvent(event), lambdaContext());

    expect(result.statusCode).toBe(503);
    const body = bodyOf(result);
    expect(body.code).toBe('SECRET_UNAVAILABLE');
    expect(body.message).toBe(
      'The service-user secret is unavailable: Secrets Manager has no such secret: check BIOT_SERVICE_USER_SECRET_ARN (ResourceNotFoundException)',
    );
    expect(JSON.stringify(result)).not.toContain(SERVICE_SECRET);
  });
});
