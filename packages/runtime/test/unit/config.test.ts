import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      appName: 'biot-plugin',
      environment: 'Not specified',
      validateJwt: true,
      notificationScope: 'ACTION_NOTIFICATION',
      interceptionScope: 'PLUGIN_INTERCEPTOR',
      secretMaxAgeSeconds: 300,
      httpTimeoutMs: 5000,
      httpRetryLimit: 2,
    });
  });

  it('turns JWT validation off only for the word false', () => {
    expect(loadConfig({ BIOT_SHOULD_VALIDATE_JWT: 'false' }).validateJwt).toBe(false);
    expect(loadConfig({ BIOT_SHOULD_VALIDATE_JWT: 'FALSE' }).validateJwt).toBe(false);
    expect(loadConfig({ BIOT_SHOULD_VALIDATE_JWT: 'no' }).validateJwt).toBe(true);
    expect(loadConfig({ BIOT_SHOULD_VALIDATE_JWT: '0' }).validateJwt).toBe(true);
  });

  it('keeps the default scopes when the overrides are empty', () => {
    const config = loadConfig({
      BIOT_JWT_PERMISSION_NOTIFICATION: ' ',
      BIOT_JWT_PERMISSION_INTERCEPTION: '',
    });
    expect(config.notificationScope).toBe('ACTION_NOTIFICATION');
    expect(config.interceptionScope).toBe('PLUGIN_INTERCEPTOR');
  });

  it('strips a trailing slash from BIOT_BASE_URL', () => {
    expect(loadConfig({ BIOT_BASE_URL: 'https://api.example.com/' }).baseUrl).toBe('https://api.example.com');
  });

  it('reports numbers that do not parse, naming each variable, instead of using a default silently', () => {
    expect(loadConfig({ BIOT_HTTP_TIMEOUT_MS: 'soon', BIOT_HTTP_RETRY_LIMIT: '-1' }).problems).toEqual([
      'BIOT_HTTP_TIMEOUT_MS must be a whole number ≥ 1',
      'BIOT_HTTP_RETRY_LIMIT must be a whole number ≥ 0',
    ]);
  });

  it('takes a DynamoDB table name or ARN for BIOT_IDEMPOTENCY_TABLE, and nothing else', () => {
    const arn = 'arn:aws:dynamodb:eu-central-1:123456789012:table/plugin-repeats';
    expect(loadConfig({}).idempotencyTable).toBeUndefined();
    expect(loadConfig({ BIOT_IDEMPOTENCY_TABLE: 'plugin-repeats_1.a' }).idempotencyTable).toBe(
      'plugin-repeats_1.a',
    );
    expect(loadConfig({ BIOT_IDEMPOTENCY_TABLE: arn })).toMatchObject({
      idempotencyTable: arn,
      problems: [],
    });
    expect(loadConfig({ BIOT_IDEMPOTENCY_TABLE: 'a/b' }).problems).toEqual([
      'BIOT_IDEMPOTENCY_TABLE must be a DynamoDB table name or ARN',
    ]);
  });

  it('has no problems with the defaults', () => {
    expect(loadConfig({}).problems).toEqual([]);
  });
});
