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
