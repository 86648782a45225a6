/**
 * What can go wrong talking to BioT's UMS API. Messages name the route and BioT's error code,
 * never a secret key or an access token.
 */
export abstract class BiotCallError extends Error {
  constructor(
    message: string,
    readonly route: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** BioT answered with an error status; `code` is the `code` of its error body (BIOT-CONTRACT.md §2.5). */
export class BiotApiError extends BiotCallError {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    route: string,
    readonly biotMessage: string | undefined,
  ) {
    super(
      `BioT answered ${status}${code ? ` ${code}` : ''} to ${route}${biotMessage ? `: ${biotMessage}` : ''}`,
      route,
    );
  }

  /** A login refused because of the key itself (403 LOGIN_FAILED) or a locked user (401). */
  get isRejectedLogin(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/** BioT could not be reached (connection refused, reset, DNS). */
export class BiotUnreachableError extends BiotCallError {
  constructor(route: string, baseUrl: string, options?: ErrorOptions) {
    super(`BioT at ${baseUrl} could not be reached for ${route}`, route, options);
  }
}

/** BioT did not answer in time; for a POST the outcome is unknown (it may have happened). */
export class BiotTimeoutError extends BiotCallError {
  constructor(route: string, timeoutMs: number, options?: ErrorOptions) {
    super(`BioT did not answer ${route} within ${timeoutMs} ms`, route, options);
  }
}
