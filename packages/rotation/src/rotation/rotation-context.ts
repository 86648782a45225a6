import type { Logger } from '@aws-lambda-powertools/logger';
import type { UmsClient } from '../biot/ums-client.js';
import type { SecretStore } from '../secrets/secret-store.js';

/** What every step works with: the secret, BioT's UMS API, the service user and the step's logger. */
export interface RotationContext {
  store: SecretStore;
  ums: UmsClient;
  serviceUserId: string;
  /**
   * The service user that creates, lists and deletes the rotated user's keys, and its secret
   * (AWSCURRENT holds its key). Absent: the rotated user does it with its own key.
   */
  operator?: { serviceUserId: string; store: SecretStore };
  /** The version this rotation creates (the event's ClientRequestToken). */
  versionId: string;
  logger: Logger;
}
