/**
 * The rotation Lambda's entry point (`handler`), for the CDK stack's `addRotationSchedule`.
 * Environment: BIOT_BASE_URL and BIOT_SERVICE_USER_ID (required), BIOT_HTTP_TIMEOUT_MS,
 * BIOT_HTTP_RETRY_LIMIT, POWERTOOLS_LOG_LEVEL (optional); README "Deploying the function" lists
 * them with the IAM actions the function needs.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { biotTargetFromEnv } from './config.js';
import { createRotationHandler, type RotationHandler } from './rotation/rotation-handler.js';
import type { RotationEvent } from './rotation/rotation-step.js';

let rotate: RotationHandler | undefined;

export async function handler(event: RotationEvent): Promise<void> {
  // Built on the first event, not at import: the container's environment is complete by then.
  rotate ??= createRotationHandler({
    secretsManager: new SecretsManagerClient({}),
    biot: biotTargetFromEnv(process.env),
  });
  await rotate(event);
}
