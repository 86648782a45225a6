import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { MotoServer } from '@biot-plugin/test-support/moto';

export type CommandFault = 'fail' | 'hang';

/**
 * A Secrets Manager client on moto whose next `times` calls of one command fail or never answer:
 * a storage error, or the rotation function being cut off at its timeout mid-step.
 */
export function faultyClient(
  moto: MotoServer,
  fault: { command: string; effect: CommandFault; times?: number },
): SecretsManagerClient {
  const client = new SecretsManagerClient(moto.clientConfig());
  let remaining = fault.times ?? 1;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== fault.command || remaining <= 0) return next(args);
      remaining -= 1;
      if (fault.effect === 'hang') return new Promise<never>(() => {});
      throw Object.assign(new Error(`${fault.command} failed (injected)`), { name: 'InternalServiceError' });
    },
    { step: 'initialize', name: 'injectedFault' },
  );
  return client;
}
