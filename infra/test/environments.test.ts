import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, environmentNamed, UnknownEnvironmentError } from '../config/environments.js';
import { synthEnvironment } from './support/synth.js';

describe('choosing the environment', () => {
  it('starts with dev, staging and prod', () => {
    expect(ENVIRONMENT_NAMES).toEqual(['dev', 'staging', 'prod']);
  });

  it('fails synth listing the valid names when no environment is given', () => {
    expect(() => synthEnvironment(undefined as unknown as string)).toThrow(
      'No environment given. Pass -c env=<name>, one of: dev, staging, prod.',
    );
  });

  it('fails synth listing the valid names for an unknown environment', () => {
    expect(() => synthEnvironment('qa')).toThrow(UnknownEnvironmentError);
    expect(() => synthEnvironment('qa')).toThrow(
      'Unknown environment "qa". Pass -c env=<name>, one of: dev, staging, prod.',
    );
  });

  it('does not mistake an inherited property for an environment', () => {
    expect(() => environmentNamed('toString')).toThrow(UnknownEnvironmentError);
  });

  it.each(ENVIRONMENT_NAMES)('deploys %s into its own account and region', (name) => {
    const { stack } = synthEnvironment(name);
    const { config } = environmentNamed(name);

    expect([stack.account, stack.region]).toEqual([config.account, config.region]);
  });
});
