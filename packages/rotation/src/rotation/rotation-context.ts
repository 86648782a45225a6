import type { Logger } from '@aws-lambda-powertools/logger';
import type { UmsClient } from '../biot/ums-client.js';
import type { SecretStore } from '../secrets/secret-store.js';

/** What every step works with: the secret, BioT's UMS API, the service user and the step's logger. */
export interface RotationContext {
  store: SecretStore;
  ums: UmsClient;
  serviceUserId: string;
  /** The version this rotation creates (the event's ClientRequestToken). */
  versionId: string;
  logger: Logger;
}
