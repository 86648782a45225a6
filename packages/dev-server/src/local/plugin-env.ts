import { ENV } from '@biot-plugin/core';

export interface PluginEnvOptions {
  biotUrl: string;
  serviceUserId: string;
  serviceUserSecretKey: string;
  /** POWERTOOLS_LOG_LEVEL for the runtime's JSON log lines. */
  logLevel: string;
  /**
   * Against the emulator, settings that would point the runtime elsewhere are cleared: a pinned
   * BioT public key (the emulator signs with its own), a Secrets Manager ARN (no AWS on a laptop)
   * and a switched-off token check (the emulator signs real tokens, so there is no reason to).
   */
  emulated: boolean;
}

/** The environment the runtime reads at import, for a local run (README "Environment variables"). */
export function pluginEnv(options: PluginEnvOptions): Record<string, string | undefined> {
  return {
    [ENV.baseUrl]: options.biotUrl,
    [ENV.serviceUserId]: options.serviceUserId,
    [ENV.serviceUserSecretKey]: options.serviceUserSecretKey,
    // The key in the environment is the one to use; an ARN would win over it in the runtime.
    [ENV.serviceUserSecretArn]: undefined,
    [ENV.environment]: 'local',
    // Unset, each plugin's runtime is named after its plugin (lambdaHandler's default); a name
    // from the shell would give every plugin served the same one.
    [ENV.appName]: undefined,
    [ENV.logLevel]: options.logLevel,
    ...(options.emulated ? { [ENV.publicKey]: undefined, [ENV.shouldValidateJwt]: undefined } : {}),
  };
}
