/**
 * The runtime's typed errors. Each knows the HTTP status and the BioT error `code` it becomes,
 * so `respond/respond.ts` maps every failure in one place. Messages are written for the
 * caller: they never contain a token, a secret or an upstream body.
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

/** The event is not something BioT would send: unreadable body, unknown hook type, wrong shape. */
export class BadEventError extends PluginError {
  readonly status = 400;
  constructor(
    readonly code: 'INVALID_EVENT' | 'UNKNOWN_HOOK_TYPE',
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, details);
  }
}

/**
 * BioT sent an event for a hook this plugin does not implement: a subscription no plugin
 * definition declares (left over in BioT, or made by hand). A 4xx, so an interceptor fails closed.
 */
export class HookNotImplementedError extends PluginError {
  readonly status = 404;
  readonly code = 'HOOK_NOT_IMPLEMENTED';
  constructor(hook: string, hooktype: string | undefined) {
    const what = hooktype === undefined ? 'calls without hooktype' : `${hooktype} events`;
    super(`This plugin does not handle ${what} (it has no ${hook} hook)`, { hook, hooktype });
  }
}

/** The caller's BioT token is missing or cannot be trusted. */
export class AuthError extends PluginError {
  readonly status = 401;
  constructor(
    readonly code: 'JWT_MISSING' | 'JWT_INVALID' | 'JWT_EXPIRED',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, {}, options);
  }
}

/** The token is genuine but does not grant the scope this hook type requires. */
export class ScopeError extends PluginError {
  readonly status = 403;
  readonly code = 'JWT_SCOPE_MISSING';
  constructor(requiredScope: string) {
    super(`The token lacks the required scope ${requiredScope}`, { requiredScope });
  }
}

/** A genuine BioT token of a kind that may not make this call (e.g. an end user's token). */
export class TokenTypeError extends PluginError {
  readonly status = 403;
  readonly code = 'JWT_TOKEN_TYPE_NOT_ALLOWED';
  constructor(requiredTokenType: string) {
    super(`Only a ${requiredTokenType} token may make this call`, { requiredTokenType });
  }
}

/**
 * A call without `hooktype` through the Function URL, to a plugin that does not take scheduled
 * calls there: its schedule invokes the Lambda directly, authorised by IAM.
 */
export class ScheduledViaUrlError extends PluginError {
  readonly status = 403;
  readonly code = 'SCHEDULED_VIA_URL_DISABLED';
  constructor() {
    super('This plugin runs its scheduled hook only when AWS invokes it directly, not through its URL');
  }
}

/**
 * The same notification (same token, same body) is running right now, in this container or, with
 * BIOT_IDEMPOTENCY_TABLE, in another. It is not run twice; the answer says so rather than 200,
 * because the run in progress may still fail, and then this copy was not handled.
 */
export class NotificationInProgressError extends PluginError {
  readonly status = 409;
  readonly code = 'NOTIFICATION_IN_PROGRESS';
  constructor() {
    super('The same notification is being handled by another invocation; it is not run twice');
  }
}

/** BioT's public key could not be obtained and none is cached, so no token can be checked. */
export class PublicKeyUnavailableError extends PluginError {
  readonly status = 503;
  readonly code = 'PUBLIC_KEY_UNAVAILABLE';
  constructor(options?: ErrorOptions) {
    super("BioT's public key is unavailable; the token cannot be verified", {}, options);
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
  constructor(upstreamStatus: number, upstreamCode: string | undefined) {
    super(`The plugin's service user could not log in to BioT (${upstreamStatus})`, {
      upstreamStatus,
      upstreamCode,
    });
  }
}

/** The service-user secret could not be read (Secrets Manager down, or an unusable value). */
export class SecretUnavailableError extends PluginError {
  readonly status = 503;
  readonly code = 'SECRET_UNAVAILABLE';
  constructor(reason: string, options?: ErrorOptions) {
    super(`The service-user secret is unavailable: ${reason}`, {}, options);
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

/**
 * A hook did not finish before the invocation's deadline. Answered before Lambda's own timeout,
 * so BioT gets its error body (an interceptor fails closed) and the log names the hook.
 */
export class HookTimeoutError extends PluginError {
  readonly status = 504;
  readonly code = 'HOOK_TIMEOUT';
  constructor(hook: string, budgetMs: number) {
    super(`The ${hook} hook did not finish within the ${budgetMs} ms left before the deadline`, { hook });
  }
}

/** The answer would exceed what a Function URL can return (6 MB); AWS would answer a bare 502. */
export class ResponseTooLargeError extends PluginError {
  readonly status = 500;
  readonly code = 'RESPONSE_TOO_LARGE';
  constructor(bytes: number, limit: number) {
    super(`The plugin's answer is ${bytes} bytes; a Function URL returns at most ${limit}`, { bytes, limit });
  }
}

/** A hook deliberately refused the call (see `block()` in hook-api). */
export class HookBlockedError extends PluginError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, details);
  }
}

/** A hook returned something BioT could not use; the caller gets a generic 500. */
export class InvalidHookResultError extends PluginError {
  readonly status = 500;
  readonly code = 'INVALID_HOOK_RESULT';

  override get publicMessage(): string {
    return 'The plugin produced an invalid result';
  }
}
