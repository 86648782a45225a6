/**
 * A test asked the kit for something it cannot do: an entity id the emulator does not hold, a
 * path template with a variable left unfilled. Thrown before anything is sent, so the failing
 * line is the test's own.
 */
export class PluginTestUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PluginTestUsageError';
  }
}
