/**
 * The service-user secret as stored in Secrets Manager, shared by the runtime and the
 * subscriptions custom resource (which read it), the rotation Lambda and ops (which write it):
 * `{"keyId": "<BioT secret-key id>", "secretKey": "..."}`. A plain string is accepted too, for
 * secrets set by hand or injected by BioT.
 */
export interface ServiceSecret {
  /** BioT's id of this key (BIOT-CONTRACT.md §7); absent for a plain-string secret. */
  readonly keyId?: string;
  readonly secretKey: string;
}

/** The value the CDK stack stores before ops set the real key; a login is never tried with it. */
export const PLACEHOLDER_KEY_ID = 'NOT_SET';

export class InvalidServiceSecretError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = new.target.name;
  }
}

/**
 * The secret still holds the stack's placeholder: not an error for everyone (the subscriptions
 * custom resource then registers nothing and says so), so it has a class of its own.
 */
export class PlaceholderSecretError extends InvalidServiceSecretError {
  constructor() {
    super('the secret still holds the placeholder; set it with `pnpm ops secret-set`');
  }
}

export function parseServiceSecret(raw: string): ServiceSecret {
  const text = raw.trim();
  if (text === '') throw new InvalidServiceSecretError('the secret is empty');
  if (!text.startsWith('{')) return { secretKey: text };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvalidServiceSecretError('the secret looks like JSON but does not parse');
  }
  const { keyId, secretKey } = json as { keyId?: unknown; secretKey?: unknown };
  if (keyId === PLACEHOLDER_KEY_ID) throw new PlaceholderSecretError();
  if (typeof secretKey !== 'string' || secretKey === '') {
    throw new InvalidServiceSecretError('the secret JSON has no "secretKey" string');
  }
  if (keyId !== undefined && typeof keyId !== 'string') {
    throw new InvalidServiceSecretError('the secret JSON has a "keyId" that is not a string');
  }
  return keyId === undefined ? { secretKey } : { keyId, secretKey };
}

export function serializeServiceSecret(secret: { keyId: string; secretKey: string }): string {
  return JSON.stringify({ keyId: secret.keyId, secretKey: secret.secretKey });
}

/**
 * A failed rotation step is written to this tag on the secret, because DescribeSecret shows tags
 * and nothing else about a rotation's outcome: `pnpm ops rotate` stops polling when it sees a
 * failure of its own version, `pnpm ops secret-status` shows the last one, finishSecret removes it,
 * and the stack lets the rotation Lambda tag with this key only.
 */
export const ROTATION_FAILURE_TAG = 'biot-plugin:rotation-failure';
