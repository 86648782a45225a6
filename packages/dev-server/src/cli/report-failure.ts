import { PluginDefinitionError } from '@biot-plugin/runtime';
import { PluginWorkspaceError } from '@biot-plugin/workspace';
import { DevServerError, UsageError } from '../errors.js';
import { describeError } from '../server/dev-server-log.js';
import type { CommandIo } from './command-io.js';

/**
 * Exit codes: 1 when something failed, 2 when the command line was wrong (with the usage). A
 * plugin package or definition that does not hold together is a failure, and says why.
 */
export function reportFailure(error: unknown, io: CommandIo, usage: string): number {
  if (error instanceof UsageError) {
    io.err(`${error.message}\n\n${usage}`);
    return 2;
  }
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    const { port } = error as { port?: number };
    io.err(`Port ${port ?? ''} is already in use; pick another with --port or --emulator-port.`);
    return 1;
  }
  const explained =
    error instanceof DevServerError ||
    error instanceof PluginWorkspaceError ||
    error instanceof PluginDefinitionError;
  io.err(explained ? error.message : describeError(error));
  return 1;
}
