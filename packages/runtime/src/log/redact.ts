/**
 * Defence in depth for log lines. The pipeline never logs a token, a secret or a header map, but
 * a hook author might (`logger.info('event', event)`): this replacer blanks values under
 * sensitive keys and anything shaped like a JWT, wherever it sits in the log item.
 */
const SENSITIVE_KEYS = new Set([
  'authorization',
  'jwt',
  'token',
  'accesstoken',
  'secretkey',
  'secret',
  'password',
  'cookie',
  'set-cookie',
  'x-api-key',
]);

// Three base64url segments, the first a JSON header (`eyJ` is base64 for `{"`).
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;

export const REDACTED = '[REDACTED]';

export function redactSecrets(key: string, value: unknown): unknown {
  if (key !== '' && SENSITIVE_KEYS.has(key.toLowerCase()) && value !== undefined && value !== null) {
    return REDACTED;
  }
  if (typeof value === 'string' && value.includes('eyJ')) return value.replace(JWT, REDACTED);
  return value;
}

/**
 * The secret values this container holds (the service-user secret, BioT's access tokens), so
 * they are scrubbed from every log line by value, wherever a hook put them (`login with ${secret}`).
 * Bounded: a rotation adds a value, and the oldest beyond the bound is no longer held anyway.
 */
export class KnownSecrets {
  private readonly values: string[] = [];

  constructor(private readonly capacity = 8) {}

  /** Values shorter than 8 characters would blank ordinary words; no BioT secret is that short. */
  add(value: string | undefined): void {
    if (value === undefined || value.length < 8 || this.values.includes(value)) return;
    this.values.push(value);
    if (this.values.length > this.capacity) this.values.shift();
  }

  scrub(text: string): string {
    let result = text;
    for (const value of this.values) {
      if (result.includes(value)) result = result.split(value).join(REDACTED);
    }
    return result;
  }

  /** A JSON replacer for the logger: key- and shape-based redaction, then these values. */
  replacer(): (key: string, value: unknown) => unknown {
    return (key, value) => {
      const redacted = redactSecrets(key, value);
      return typeof redacted === 'string' && this.values.length > 0 ? this.scrub(redacted) : redacted;
    };
  }
}
