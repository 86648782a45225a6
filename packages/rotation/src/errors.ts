/**
 * The rotation's own failures. Each carries a stable `code` that goes into the log and into the
 * secret's rotation-failure tag, where `pnpm ops rotate` and `secret-status` read it. Messages say
 * what to do and never contain a secret key or an access token.
 */
export abstract class RotationError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The event is not one Secrets Manager sends to a rotation function. */
export class InvalidRotationEventError extends RotationError {
  readonly code = 'INVALID_ROTATION_EVENT';
}

/** A required environment variable of the rotation function is missing. */
export class RotationConfigurationError extends RotationError {
  readonly code = 'ROTATION_MISCONFIGURED';
}

/** The secret's versions or values are not what this step needs (e.g. the version is not AWSPENDING). */
export class SecretStateError extends RotationError {
  readonly code = 'SECRET_STATE';
}

/** The secret names a key id that BioT does not list for the service user: nothing is deleted. */
export class KeyNotInBiotError extends RotationError {
  readonly code = 'KEY_NOT_IN_BIOT';
}

/** BioT's cap on keys is reached and no key may be removed to make room. */
export class KeyCapError extends RotationError {
  readonly code = 'MAX_SECRET_KEYS';
}

/** BioT refused a login with the current key, so the rotation cannot act for the service user. */
export class CurrentKeyRejectedError extends RotationError {
  readonly code = 'CURRENT_KEY_REJECTED';
}

/** BioT refused a login with the new (pending) key: it is not promoted. */
export class PendingKeyRejectedError extends RotationError {
  readonly code = 'PENDING_KEY_REJECTED';
}
