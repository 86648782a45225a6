import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { BiotEmulator } from '@biot-plugin/biot-emulator';
import { ENV } from '@biot-plugin/core';
// The moto harness the rotation tests own; one way to run Secrets Manager locally for the repository.
import { describeWithMoto, type MotoServer, startMoto } from '@biot-plugin/test-support/moto';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { PLACEHOLDER_SUMMARY } from '../../src/custom-resource-handler.js';
import { handler, handlerFromEnvironment } from '../../src/lambda-handler.js';
import { notificationsIn, PLACEHOLDER_JSON, SECRET_JSON, SERVICE_USER, startBiot } from '../support/biot.js';
import { createEvent, FUNCTION_URL, lambdaContext } from '../support/cloudformation.js';

const DECLARED = { notifications: [{ entityTypeName: 'patient', actionName: '_create' }], interceptions: [] };

describeWithMoto('the Lambda entry point, with the secret in Secrets Manager', () => {
  let moto: MotoServer;
  let biot: BiotEmulator;

  beforeAll(async () => {
    [moto, biot] = await Promise.all([startMoto(), startBiot()]);
  });
  afterAll(async () => {
    await Promise.all([moto?.close(), biot?.close()]);
  });
  beforeEach(async () => {
    await moto.reset();
    biot.reset();
  });
  afterEach(() => vi.unstubAllEnvs());

  /** The function's environment as the CDK construct sets it, with the SDK pointed at moto. */
  async function deployedEnvironment(
    secretValue: string | undefined,
    registrant: { id: string } = SERVICE_USER,
  ): Promise<void> {
    let secretArn = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:biot-plugin-missing-AbCdEf';
    if (secretValue !== undefined) {
      const secrets = new SecretsManagerClient(moto.clientConfig());
      const created = await secrets.send(
        new CreateSecretCommand({ Name: 'biot-plugin-dev-service-user', SecretString: secretValue }),
      );
      secretArn = created.ARN ?? '';
    }
    for (const [name, value] of Object.entries(moto.env())) vi.stubEnv(name, value);
    vi.stubEnv(ENV.baseUrl, biot.url);
    vi.stubEnv(ENV.serviceUserId, registrant.id);
    vi.stubEnv(ENV.serviceUserSecretArn, secretArn);
    vi.stubEnv(ENV.logLevel, 'SILENT');
  }

  it('reads the key from BIOT_SERVICE_USER_SECRET_ARN and registers the declared set', async () => {
    await deployedEnvironment(SECRET_JSON);

    await handler(createEvent({ endpoint: FUNCTION_URL, ...DECLARED }), lambdaContext(30_000));

    expect(notificationsIn(biot, FUNCTION_URL)).toEqual(['patient _create']);
  });

  it("registers as the plugin's operations user, which infra names in these variables, with the plugin user locked", async () => {
    // The plugin's own user cannot log in at all here: registration must not need it.
    biot.addServiceUser({ id: 'locked-plugin-user', active: false });
    const operations = biot.addServiceUser({ id: 'operations-user' });
    await deployedEnvironment(
      JSON.stringify({ keyId: operations.keyId, secretKey: operations.secretKey }),
      operations,
    );

    await handlerFromEnvironment(process.env)(
      createEvent({ endpoint: FUNCTION_URL, ...DECLARED }),
      lambdaContext(30_000),
    );

    expect(notificationsIn(biot, FUNCTION_URL)).toEqual(['patient _create']);
  });

  it('succeeds without registering while the secret holds the placeholder the stack created', async () => {
    await deployedEnvironment(PLACEHOLDER_JSON);

    const response = await handlerFromEnvironment(process.env)(
      createEvent({ endpoint: FUNCTION_URL, ...DECLARED }),
      lambdaContext(30_000),
    );

    expect(response.Data?.Summary).toBe(PLACEHOLDER_SUMMARY);
    expect(biot.subscriptions.notifications).toEqual([]);
  });

  it('fails with a reason naming the secret when it cannot be read', async () => {
    await deployedEnvironment(undefined);

    const attempt = handlerFromEnvironment(process.env)(
      createEvent({ endpoint: FUNCTION_URL, ...DECLARED }),
      lambdaContext(30_000),
    );

    await expect(attempt).rejects.toThrow(
      /secret arn:aws:secretsmanager:.*biot-plugin-missing.* could not be read \(ResourceNotFoundException/,
    );
  });
});

it('names the variable the Lambda lacks', () => {
  expect(() => handlerFromEnvironment({ [ENV.serviceUserId]: 'x' })).toThrow(`${ENV.baseUrl} is not set`);
});

it('refuses a BioT setting that is set but unusable, as the plugin runtime does', () => {
  const env = { [ENV.baseUrl]: 'https://biot.example', [ENV.serviceUserId]: 'x' };

  expect(() => handlerFromEnvironment({ ...env, [ENV.httpTimeoutMs]: 'soon' })).toThrow(
    `${ENV.httpTimeoutMs} must be a whole number ≥ 1`,
  );
  expect(() => handlerFromEnvironment({ ...env, [ENV.httpRetryLimit]: '-1' })).toThrow(
    `${ENV.httpRetryLimit} must be a whole number ≥ 0`,
  );
});
