/**
 * What an interceptor hook returns to refuse the intercepted BioT call: BioT sees a non-2xx
 * answer and blocks the API request (BIOT-CONTRACT.md §2.5), and the caller gets this status and
 * BioT's error body.
 */
export class Blocked {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
    readonly details: Record<string, unknown> = {},
  ) {}
}

/**
 * Refuse the intercepted call, e.g. `return block(403, 'ACCESS_DENIED', 'Deleting patients is not allowed')`.
 * `status` must be 4xx or 5xx.
 */
export function block(
  status: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): Blocked {
  return new Blocked(status, code, message, details);
}
