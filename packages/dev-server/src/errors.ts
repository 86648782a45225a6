/**
 * The dev server's typed errors. Each says what went wrong in words a plugin author can act on;
 * the CLIs map them to exit codes in one place (`cli/report-failure.ts`).
 */
export abstract class DevServerError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The command line cannot be understood (unknown flag, missing value, unknown hook). */
export class UsageError extends DevServerError {}

/** `--biot-url` without the service user's credentials in the environment. */
export class MissingCredentialsError extends DevServerError {
  constructor(readonly missing: readonly string[]) {
    super(`--biot-url needs ${missing.join(' and ')} in the environment`);
  }
}

/** The handler module could not be imported, or exports no `handler` function. */
export class HandlerLoadError extends DevServerError {
  constructor(
    readonly modulePath: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`Cannot load the handler from ${modulePath}: ${reason}`, options);
  }
}

/** A plugin's production bundle could not be built, so there is none to serve. */
export class BundleBuildError extends DevServerError {}

/** `pnpm invoke` found no running dev session and was given nothing to reach one with. */
export class NoDevSessionError extends DevServerError {}

/** A BioT or emulator endpoint the command needs did not answer as expected. */
export class EndpointError extends DevServerError {}

/** The handler answered something a Function URL cannot turn into a response (AWS answers 502). */
export class InvalidFunctionResultError extends DevServerError {}
