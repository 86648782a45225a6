/**
 * The pipeline's typed errors, on the base of the BioT core's error family (`PluginError`, whose
 * BioT errors the core's client throws). Each knows the HTTP status and the BioT error `code` it
 * becomes, so `respond/respond.ts` maps every failure in one place.
 */
import { PluginError } from '@biot-plugin/core';

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
