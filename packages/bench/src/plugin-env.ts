import { ENV } from '@biot-plugin/core';

/** The service user the measured plugin logs in as (created in the emulator by the bench). */
export const BENCH_SERVICE_USER = {
  id: '0b3e5c1a-7d2f-4e88-9a61-00000000be4c',
  secretKey: 'bench-service-user-secret',
} as const;

/**
 * The environment a deployment gives the runtime (README "Environment variables"), pointed at
 * the emulator. Logs at WARN by default so writing JSON lines does not dominate the timings.
 */
export function pluginEnv(biotUrl: string, logLevel = 'WARN'): Record<string, string> {
  return {
    [ENV.baseUrl]: biotUrl,
    [ENV.serviceUserId]: BENCH_SERVICE_USER.id,
    [ENV.serviceUserSecretKey]: BENCH_SERVICE_USER.secretKey,
    [ENV.appName]: 'biot-plugin-bench',
    [ENV.environment]: 'bench',
    [ENV.logLevel]: logLevel,
  };
}
