import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from '../../src/log/redact.js';

const JWT = 'eyJhbGciOiJSUzUxMiJ9.eyJzY29wZXMiOlsiQSJdfQ.c2lnbmF0dXJl';

describe('redactSecrets', () => {
  it.each(['authorization', 'Authorization', 'jwt', 'secretKey', 'accessToken', 'password', 'cookie'])(
    'blanks the value under %s',
    (key) => {
      expect(redactSecrets(key, 'value')).toBe(REDACTED);
    },
  );

  it('blanks a JWT inside any string', () => {
    expect(redactSecrets('message', `token was ${JWT} here`)).toBe(`token was ${REDACTED} here`);
  });

  it('blanks a whole log item passed through JSON.stringify', () => {
    const line = JSON.stringify(
      { event: { headers: { authorization: `Bearer ${JWT}` }, jwt: JWT }, note: JWT },
      redactSecrets,
    );
    expect(line).not.toContain('eyJ');
  });

  it('leaves ordinary values alone', () => {
    expect(redactSecrets('patientId', '72b65591')).toBe('72b65591');
    expect(redactSecrets('count', 3)).toBe(3);
  });
});
