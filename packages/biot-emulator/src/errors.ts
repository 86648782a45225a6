/**
 * An answer the emulator gives with BioT's error body. Handlers throw these; the request pipeline
 * turns them into `{code, message, serviceName, traceId, environment, details}` in one place.
 */
export class BiotHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: the request is malformed or misses a required field. */
export class BadRequestError extends BiotHttpError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(400, code, message, details);
  }
}

/** 401: no usable service access token, or (on login) a locked service user. */
export class UnauthorizedError extends BiotHttpError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(401, code, message, details);
  }
}

/** 403: the credentials are wrong. */
export class ForbiddenError extends BiotHttpError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(403, code, message, details);
  }
}

/** 404: the addressed thing does not exist. */
export class NotFoundError extends BiotHttpError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(404, code, message, details);
  }
}

/** 409: the request clashes with the current state (duplicate subscription, key cap). */
export class ConflictError extends BiotHttpError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(409, code, message, details);
  }
}

/**
 * A caller used the programmatic API wrongly (bad fault spec, duplicate service user, unreadable
 * key file). Thrown to the caller; the admin API answers it as 400 INVALID_ADMIN_REQUEST.
 */
export class EmulatorUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorUsageError';
  }
}
