import { AwsAccessError, OpsError } from '../errors.js';

const CREDENTIALS_HINT =
  'Configure AWS credentials for the account of this environment, e.g. `aws sso login --profile <profile>` ' +
  'and then `AWS_PROFILE=<profile> pnpm ops ...`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.';

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired']);
const REFUSED = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
]);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'AuthorizationError']);

/**
 * Turns what the AWS SDK throws about access (no credentials, expired or refused credentials, no
 * region, denied, unreachable endpoint) into an OpsError that says what to do. Anything else is
 * returned unchanged for the caller to handle.
 */
export function explainAwsError(error: unknown, action: string): unknown {
  if (!(error instanceof Error)) return error;
  const name = error.name;
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(error.message)) {
    return new AwsAccessError(`No AWS credentials found (while trying to ${action}).`, CREDENTIALS_HINT, {
      cause: error,
    });
  }
  if (EXPIRED.has(name)) {
    return new AwsAccessError(
      `The AWS credentials have expired (while trying to ${action}).`,
      'Log in again, e.g. `aws sso login --profile <profile>`.',
      { cause: error },
    );
  }
  if (REFUSED.has(name)) {
    return new AwsAccessError(
      `AWS refused the credentials (while trying to ${action}): ${error.message}`,
      CREDENTIALS_HINT,
      {
        cause: error,
      },
    );
  }
  if (DENIED.has(name)) {
    return new AwsAccessError(
      `AWS denied the request to ${action}: ${error.message}`,
      'Use a role with the permissions listed in packages/ops/README.md ("Permissions").',
      { cause: error },
    );
  }
  if (/region is missing/i.test(error.message)) {
    return new AwsAccessError(
      'No AWS region is configured.',
      'Name the environment with --env <name> (its region is in infra/config/environments.ts), pass ' +
        '--region <region>, or set AWS_REGION.',
      { cause: error },
    );
  }
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || name === 'TimeoutError') {
    return new OpsError(
      `Could not reach AWS to ${action} (${String(code ?? name)}).`,
      'Check the network, and AWS_ENDPOINT_URL* variables if you set any.',
      { cause: error },
    );
  }
  return error;
}

/** Runs an AWS call, explaining access failures. */
export async function aws<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw explainAwsError(error, action);
  }
}
