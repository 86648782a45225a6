import { Logger } from '@aws-lambda-powertools/logger';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { BiotTarget } from '../config.js';
import { InvalidRotationEventError, RotationConfigurationError, SecretStateError } from '../errors.js';
import { SecretStore, STAGE } from '../secrets/secret-store.js';
import { createSecret } from './create-secret.js';
import { finishSecret } from './finish-secret.js';
import type { RotationContext } from './rotation-context.js';
import { encodeRotationFailure, failureCode, ROTATION_FAILURE_TAG } from './rotation-failure.js';
import { isRotationStep, type RotationEvent, type RotationStep } from './rotation-step.js';
import { setSecret } from './set-secret.js';
import { testSecret } from './test-secret.js';

export interface RotationHandlerOptions {
  secretsManager: SecretsManagerClient;
  /** BioT's UMS API and the service user; a configuration error fails (and is recorded by) every step. */
  biot: BiotTarget | RotationConfigurationError;
  /** Default: a Powertools logger, service `biot-plugin-rotation`, level from POWERTOOLS_LOG_LEVEL. */
  logger?: Logger;
}

export type RotationHandler = (event: RotationEvent) => Promise<void>;

const STEPS: Record<RotationStep, (context: RotationContext) => Promise<void>> = {
  createSecret,
  setSecret,
  testSecret,
  finishSecret,
};

/**
 * The rotation function: Secrets Manager calls it once per step with the same ClientRequestToken,
 * and again when a step failed. Every step is safe to repeat. A failure is logged, recorded on the
 * secret's rotation-failure tag (for `pnpm ops`), and thrown, so Secrets Manager sees it too.
 */
export function createRotationHandler(options: RotationHandlerOptions): RotationHandler {
  const logger =
    options.logger ??
    new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'biot-plugin-rotation' });

  return async function rotate(event) {
    const { Step: step, SecretId: secretId, ClientRequestToken: versionId } = validEvent(event);
    const log = logger.createChild({ persistentKeys: { step, secretId, versionId } });
    const store = new SecretStore(options.secretsManager, secretId);
    log.info('Rotation step started');
    try {
      if (options.biot instanceof RotationConfigurationError) throw options.biot;
      const { operator, ...biot } = options.biot;
      const context: RotationContext = {
        store,
        versionId,
        logger: log,
        ...biot,
        ...(operator === undefined
          ? {}
          : {
              operator: {
                serviceUserId: operator.serviceUserId,
                store: new SecretStore(options.secretsManager, operator.secretArn),
              },
            }),
      };
      if (await needsWork(store, step, versionId, log)) await STEPS[step](context);
      if (step === 'finishSecret') await store.untag(ROTATION_FAILURE_TAG);
      log.info('Rotation step succeeded');
    } catch (error) {
      const code = failureCode(error);
      log.error('Rotation step failed', { code, error });
      const message = error instanceof Error ? error.message : String(error);
      await store
        .tag(ROTATION_FAILURE_TAG, encodeRotationFailure({ step, versionId, code, message }))
        .catch((tagError: unknown) =>
          log.warn('Could not record the failure on the secret', { error: tagError }),
        );
      throw error;
    }
  };
}

/**
 * The version checks of AWS's rotation template: a version already AWSCURRENT needs no more work
 * (a step repeated after the rotation finished), and the steps after createSecret only act on an
 * AWSPENDING version. createSecret accepts a version that does not exist yet: RotateSecret creates
 * an empty AWSPENDING version first, but a caller driving the steps directly does not.
 */
async function needsWork(
  store: SecretStore,
  step: RotationStep,
  versionId: string,
  log: Logger,
): Promise<boolean> {
  const stages = (await store.describe()).stagesByVersion.get(versionId) ?? [];
  if (stages.includes(STAGE.current)) {
    if (step !== 'finishSecret') log.info('The version is already AWSCURRENT; nothing to do');
    return step === 'finishSecret';
  }
  if (step !== 'createSecret' && !stages.includes(STAGE.pending)) {
    throw new SecretStateError(
      `Version ${versionId} is not AWSPENDING (${stages.join(', ') || 'no stage'}): ` +
        'another rotation replaced it, or its AWSPENDING label was removed',
    );
  }
  return true;
}

function validEvent(event: unknown): RotationEvent {
  const { Step, SecretId, ClientRequestToken } = (event ?? {}) as Partial<
    Record<keyof RotationEvent, unknown>
  >;
  if (!isRotationStep(Step) || typeof SecretId !== 'string' || SecretId === '') {
    throw new InvalidRotationEventError(
      'Expected a Secrets Manager rotation event {Step, SecretId, ClientRequestToken}',
    );
  }
  if (typeof ClientRequestToken !== 'string' || ClientRequestToken === '') {
    throw new InvalidRotationEventError('The rotation event has no ClientRequestToken');
  }
  return { Step, SecretId, ClientRequestToken };
}
