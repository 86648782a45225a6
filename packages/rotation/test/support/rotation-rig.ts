import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type BiotEmulator, type BiotEmulatorOptions, startBiotEmulator } from '@biot-plugin/biot-emulator';
import { type MotoServer, startMoto } from '@biot-plugin/test-support/moto';
import { UmsClient } from '../../src/biot/ums-client.js';
import { createRotationHandler, type RotationHandler } from '../../src/rotation/rotation-handler.js';
import { ROTATION_STEPS, type RotationStep } from '../../src/rotation/rotation-step.js';
import { type SecretStore, STAGE, versionWithStage } from '../../src/secrets/secret-store.js';
import { createPluginSecret } from './plugin-secret.js';

/** moto and the BioT emulator for one test file; each test makes its own plugin (service user + secret). */
export interface RotationRig {
  moto: MotoServer;
  emulator: BiotEmulator;
  /** A client on moto itself. */
  secretsManager: SecretsManagerClient;
  newPlugin(options?: NewPluginOptions): Promise<TestPlugin>;
  close(): Promise<void>;
}

export interface NewPluginOptions {
  /** A rotation schedule, as the stack configures it. */
  rotationDays?: number;
  /** The client the rotation function uses; default one on moto. */
  secretsManager?: SecretsManagerClient;
  /** false: leave the stack's placeholder in the secret, as before `pnpm ops secret-set`. Default true. */
  storeKey?: boolean;
}

/** A plugin's service user in BioT, its secret in moto, and its rotation function. */
export interface TestPlugin {
  serviceUserId: string;
  secretArn: string;
  /** The key BioT created with the service user; stored as AWSCURRENT unless `storeKey: false`. */
  firstKey: { keyId: string; secretKey: string };
  store: SecretStore;
  ums: UmsClient;
  rotate: RotationHandler;
  /** Sends one step, as Secrets Manager would. */
  step(step: RotationStep, versionId: string): Promise<void>;
  /** All four steps with a fresh ClientRequestToken; resolves to it. */
  rotateOnce(): Promise<string>;
  /** BioT's key ids for the service user, in BioT's order. */
  biotKeyIds(): string[];
  /** The version ids holding AWSCURRENT / AWSPREVIOUS / AWSPENDING. */
  stages(): Promise<{ current?: string; previous?: string; pending?: string }>;
}

export const SILENT_LOGGER = new Logger({ serviceName: 'rotation-test', logLevel: 'SILENT' });

export async function startRotationRig(emulatorOptions: BiotEmulatorOptions = {}): Promise<RotationRig> {
  const [moto, emulator] = await Promise.all([
    startMoto(),
    startBiotEmulator({ seed: false, ...emulatorOptions }),
  ]);
  const secretsManager = new SecretsManagerClient(moto.clientConfig());
  return {
    moto,
    emulator,
    secretsManager,
    async newPlugin(options = {}) {
      const user = emulator.addServiceUser({ id: randomUUID() });
      const firstKey = { keyId: user.keyId, secretKey: user.secretKey };
      const { arn, store } = await createPluginSecret(secretsManager, {
        ...(options.storeKey === false ? {} : { key: firstKey }),
        ...(options.rotationDays === undefined ? {} : { rotationDays: options.rotationDays }),
      });
      const ums = new UmsClient({ baseUrl: emulator.url, timeoutMs: 2_000, retryLimit: 2 });
      const rotate = createRotationHandler({
        secretsManager: options.secretsManager ?? secretsManager,
        biot: { ums, serviceUserId: user.id },
        logger: SILENT_LOGGER,
      });
      const step = (name: RotationStep, versionId: string) =>
        rotate({ Step: name, SecretId: arn, ClientRequestToken: versionId });
      return {
        serviceUserId: user.id,
        secretArn: arn,
        firstKey,
        store,
        ums,
        rotate,
        step,
        async rotateOnce() {
          const versionId = randomUUID();
          for (const name of ROTATION_STEPS) await step(name, versionId);
          return versionId;
        },
        biotKeyIds: () => emulator.serviceUser(user.id)?.secretKeys.map((key) => key.id) ?? [],
        async stages() {
          const description = await store.describe();
          const found = {
            current: versionWithStage(description, STAGE.current),
            previous: versionWithStage(description, STAGE.previous),
            pending: versionWithStage(description, STAGE.pending),
          };
          return Object.fromEntries(Object.entries(found).filter(([, value]) => value !== undefined));
        },
      };
    },
    async close() {
      secretsManager.destroy();
      await Promise.all([moto.close(), emulator.close()]);
    },
  };
}
