/**
 * A mistake in what is to be deployed, for the user to fix: `bin/app.ts` prints the message and
 * no stack trace. Each message says what is wrong and where to change it.
 */
export abstract class DeploymentConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnknownEnvironmentError extends DeploymentConfigError {
  constructor(given: unknown, known: readonly string[]) {
    const what = given === undefined ? 'No environment given' : `Unknown environment "${String(given)}"`;
    super(`${what}. Pass -c env=<name>, one of: ${known.join(', ')}.`);
  }
}

export class UnknownPluginError extends DeploymentConfigError {
  constructor(environment: string, unknown: readonly string[], known: readonly string[]) {
    const names = unknown.map((name) => `"${name}"`).join(', ');
    super(
      `Environment "${environment}" deploys ${unknown.length === 1 ? 'plugin' : 'plugins'} ${names}, ` +
        `but there is no such plugin in packages/plugins; the plugins are: ${known.join(', ') || 'none'}.`,
    );
  }
}

/** The environment's own settings, or a plugin's entry in it, break a rule. */
export class EnvironmentSettingsError extends DeploymentConfigError {
  constructor(
    environment: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid settings in environment "${environment}":\n${bulleted(problems)}`);
  }
}

/** A plugin cannot be deployed to an environment as configured (its subscriptions, its schedule). */
export class PluginDeploymentError extends DeploymentConfigError {
  constructor(
    pluginName: string,
    environment: string,
    readonly problems: readonly string[],
  ) {
    super(`Cannot deploy plugin "${pluginName}" to environment "${environment}":\n${bulleted(problems)}`);
  }
}

function bulleted(problems: readonly string[]): string {
  return problems.map((problem) => `  - ${problem}`).join('\n');
}
