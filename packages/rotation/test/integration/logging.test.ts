import { Logger } from '@aws-lambda-powertools/logger';
import { describeWithMoto } from '@biot-plugin/test-support/moto';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createRotationHandler } from '../../src/rotation/rotation-handler.js';
import { ROTATION_STEPS } from '../../src/rotation/rotation-step.js';
import { STAGE } from '../../src/secrets/secret-store.js';
import { type RotationRig, startRotationRig } from '../support/rotation-rig.js';

describeWithMoto('what the rotation function logs', () => {
  let rig: RotationRig;
  let lines: string[] = [];
  const write = process.stdout.write;
  beforeAll(async () => {
    rig = await startRotationRig();
  });
  beforeEach(() => {
    lines = [];
    process.stdout.write = ((chunk: unknown) => lines.push(String(chunk)) > 0) as typeof process.stdout.write;
  });
  afterEach(() => {
    process.stdout.write = write;
  });
  afterAll(() => rig?.close());

  it('logs each step with its key ids but never a secret key or an access token', async () => {
    const plugin = await rig.newPlugin();
    const rotate = createRotationHandler({
      secretsManager: rig.secretsManager,
      biot: { ums: plugin.ums, serviceUserId: plugin.serviceUserId },
      logger: new Logger({ serviceName: 'biot-plugin-rotation', logLevel: 'DEBUG' }),
    });
    const versionId = crypto.randomUUID();

    for (const step of ROTATION_STEPS)
      await rotate({ Step: step, SecretId: plugin.secretArn, ClientRequestToken: versionId });
    process.stdout.write = write;

    const current = JSON.parse((await plugin.store.readValue({ stage: STAGE.current })) as string);
    const log = lines.join('');
    expect(log).toContain('Rotation finished');
    expect(log).toContain(current.keyId);
    for (const secret of [current.secretKey, plugin.firstKey.secretKey]) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/bearer|accessToken/i);
  });
});
