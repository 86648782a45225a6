import type { CommandName } from './usage.js';

/**
 * Failures an operator can act on. The message says what is wrong; `hint` says what to do next.
 * Neither ever contains a secret key or an access token.
 */
export class OpsError extends Error {
  readonly exitCode: number = 1;

  constructor(
    message: string,
    readonly hint?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The command line itself is wrong: exit code 2, with the usage (of `command`, when it is known). */
export class UsageError extends OpsError {
  override readonly exitCode = 2;
  readonly command: CommandName | undefined;

  constructor(message: string, options: { command?: CommandName | undefined; hint?: string } = {}) {
    super(message, options.hint);
    this.command = options.command;
  }
}

/** AWS credentials, region or permissions are missing or refused. */
export class AwsAccessError extends OpsError {}

/** The CloudFormation stack of the environment does not exist (or lacks the expected outputs). */
export class StackNotFoundError extends OpsError {}

/** The secret does not exist (or not in this account and region). */
export class SecretNotFoundError extends OpsError {}

/** BioT cannot be reached or refused the service user. */
export class BiotAccessError extends OpsError {}
