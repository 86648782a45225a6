import { describe, expect, it } from 'vitest';
import { UmsClient } from '../../src/biot/ums-client.js';
import { biotTargetFromEnv } from '../../src/config.js';
import { RotationConfigurationError } from '../../src/errors.js';

const REQUIRED = { BIOT_BASE_URL: 'https://api.example.biot-med.com/', BIOT_SERVICE_USER_ID: 'user-1' };

describe("the rotation function's environment", () => {
  it('names the service user and builds a UMS client from the required variables', () => {
    const target = biotTargetFromEnv(REQUIRED);

    expect(target).toMatchObject({ serviceUserId: 'user-1' });
    expect((target as { ums: unknown }).ums).toBeInstanceOf(UmsClient);
  });

  it('names every required variable that is missing', () => {
    const target = biotTargetFromEnv({ BIOT_SERVICE_USER_ID: '  ' });

    expect(target).toBeInstanceOf(RotationConfigurationError);
    expect((target as Error).message).toBe(
      'The rotation function misses BIOT_BASE_URL and BIOT_SERVICE_USER_ID',
    );
  });

  it.each([
    ['BIOT_HTTP_TIMEOUT_MS', 'soon', 'BIOT_HTTP_TIMEOUT_MS must be a whole number ≥ 1'],
    ['BIOT_HTTP_TIMEOUT_MS', '0', 'BIOT_HTTP_TIMEOUT_MS must be a whole number ≥ 1'],
    ['BIOT_HTTP_RETRY_LIMIT', '-1', 'BIOT_HTTP_RETRY_LIMIT must be a whole number ≥ 0'],
    ['BIOT_BASE_URL', 'api.example.biot-med.com', 'BIOT_BASE_URL must be an http(s) URL'],
  ])('refuses %s=%s as the plugin runtime does, instead of running on a default', (name, value, problem) => {
    const target = biotTargetFromEnv({ ...REQUIRED, [name]: value });

    expect(target).toBeInstanceOf(RotationConfigurationError);
    expect((target as Error).message).toContain(problem);
  });
});
