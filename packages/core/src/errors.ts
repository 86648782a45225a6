import { PlaceholderSecretError } from './secret/service-secret.js';

/**
 * The one error family of the repository's BioT code: the plugin runtime, the rotation Lambda,
 * the subscriptions custom resource and ops all throw and catch these. Each knows the HTTP status
 * and the BioT error `code` it becomes, so the runtime's `respond/respond.ts` maps every failure
 * in one place. Messages are written for the caller: they never contain a token, a secret or an
 * upstream body.
 */
export abstract class PluginError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.details = details;
  }

  /** What the caller is told; the full `message` goes to the log. */
  get publicMessage(): string {
    return this.message;
  }
}

/** A BioT API answered with an error. Hooks may catch it and look at `upstreamStatus`. */
export class BiotApiError extends PluginError {
  readonly status = 502;
  readonly code = 'BIOT_API_ERROR';
  constructor(
    readonly upstreamStatus: number,
    readonly upstreamCode: string | undefined,
    readonly route: string,
  ) {
    super(`BioT answered ${upstreamStatus}${upstreamCode ? ` ${upstreamCode}` : ''} to ${route}`, {
      upstreamStatus,
      upstreamCode,
      route,
    });
  }
}

/** BioT could not be reached at all (connection refused, reset, DNS). */
export class BiotUnreachableError extends PluginError {
  readonly status = 502;
  readonly code = 'BIOT_UNREACHABLE';
  constructor(route: string, options?: ErrorOptions) {
    super(`BioT could not be reached for ${route}`, { route }, options);
  }
}

/** A BioT call did not finish before its time budget (bounded by the Lambda's deadline). */
export class BiotTimeoutError extends PluginError {
  readonly status = 504;
  readonly code = 'BIOT_TIMEOUT';
  constructor(route: string, options?: ErrorOptions) {
    super(`BioT did not answer ${route} in time`, { route }, options);
  }
}

/** The service user could not log in to BioT. */
export class ServiceLoginError extends PluginError {
  readonly status = 502;
  readonly code = 'SERVICE_LOGIN_FAILED';
  constructor(
    readonly upstreamStatus: number,
    readonly upstreamCode: string | undefined,
  ) {
    super(`The plugin's service user could not log in to BioT (${upstreamStatus})`, {
      upstreamStatus,
      upstreamCode,
    });
  }

  /** BioT refused the key itself (403 LOGIN_FAILED) or the user (401): another key may work. */
  get rejectsKey(): boolean {
    return this.upstreamStatus === 401 || this.upstreamStatus === 403;
  }
}

/** The service-user secret could not be read (Secrets Manager down, or an unusable value). */
export class SecretUnavailableError extends PluginError {
  readonly status = 503;
  readonly code = 'SECRET_UNAVAILABLE';
  constructor(reason: string, details: { secretId?: string } = {}, options?: ErrorOptions) {
    super(`The service-user secret is unavailable: ${reason}`, details, options);
  }

  /** The secret still holds the stack's placeholder: ops have not set the key yet. */
  get placeholder(): boolean {
    return this.cause instanceof PlaceholderSecretError;
  }
}

/** A required environment variable is missing or invalid. */
export class ConfigurationError extends PluginError {
  readonly status = 500;
  readonly code = 'PLUGIN_MISCONFIGURED';
  constructor(message: string) {
    super(message);
  }
}
