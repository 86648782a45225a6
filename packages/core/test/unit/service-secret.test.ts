import { describe, expect, it } from 'vitest';
import {
  InvalidServiceSecretError,
  PLACEHOLDER_KEY_ID,
  PlaceholderSecretError,
  parseServiceSecret,
  serializeServiceSecret,
} from '../../src/secret/service-secret.js';

describe('parseServiceSecret', () => {
  it('reads the JSON form the rotation Lambda writes', () => {
    const raw = serializeServiceSecret({ keyId: 'k-1', secretKey: 's3cret' });
    expect(parseServiceSecret(raw)).toEqual({ keyId: 'k-1', secretKey: 's3cret' });
  });

  it('reads a plain string as the secret key itself', () => {
    expect(parseServiceSecret('  s3cret\n')).toEqual({ secretKey: 's3cret' });
  });

  it.each([
    ['an empty value', ''],
    ['broken JSON', '{"secretKey":'],
    ['JSON without secretKey', '{"keyId":"k"}'],
    ['a non-string keyId', '{"keyId":1,"secretKey":"s"}'],
    ['the stack’s placeholder', JSON.stringify({ keyId: PLACEHOLDER_KEY_ID, secretKey: 'random' })],
  ])('refuses %s', (_case, raw) => {
    expect(() => parseServiceSecret(raw)).toThrow(InvalidServiceSecretError);
  });

  it('tells the placeholder apart from other unusable values', () => {
    const placeholder = JSON.stringify({ keyId: PLACEHOLDER_KEY_ID, secretKey: 'random' });
    expect(() => parseServiceSecret(placeholder)).toThrow(PlaceholderSecretError);
    expect(() => parseServiceSecret('{"keyId":"k"}')).not.toThrow(PlaceholderSecretError);
  });

  it.each([
    ['a non-string keyId', '{"secretKey": "s3cret-value", "keyId": 7}'],
    ['broken JSON', '{"secretKey": "s3cret-value"'],
    ['the placeholder', JSON.stringify({ keyId: PLACEHOLDER_KEY_ID, secretKey: 's3cret-value' })],
  ])('never puts the secret into the error it throws for %s', (_case, raw) => {
    const refusal = (() => {
      try {
        parseServiceSecret(raw);
      } catch (error) {
        return error;
      }
      throw new Error('parseServiceSecret accepted it');
    })();

    expect(refusal).toBeInstanceOf(InvalidServiceSecretError);
    expect(`${String(refusal)} ${JSON.stringify(refusal)}`).not.toContain('s3cret-value');
  });
});
