import { ENVIRONMENT_NAMES, environments } from '@biot-plugin/infra/environments';
import { describe, expect, it } from 'vitest';
import { parseOpsArgs } from '../../src/args.js';
import { UsageError } from '../../src/errors.js';
import type { DeploymentConfig } from '../../src/target/deployment-config.js';
import { repositoryConfig } from '../../src/target/repository-config.js';
import { chooseStack } from '../../src/target/stack-choice.js';
import { fixtureConfig } from '../support/fixture-config.js';

const CONFIG = fixtureConfig({
  solo: { region: 'eu-west-1', plugins: { 'device-stamp': {} } },
  multi: { region: 'us-east-1', plugins: { example: {}, 'device-stamp': {} } },
});

const choose = (argv: string[], config: DeploymentConfig = CONFIG) =>
  chooseStack(parseOpsArgs(['secret-status', ...argv]), () => config);

describe('which stack a command acts on', () => {
  it("takes an environment's only plugin without --plugin: stack <plugin>-<env>, in the environment's region", () => {
    expect(choose(['--env', 'solo'])).toMatchObject({
      stackName: 'device-stamp-solo',
      region: 'eu-west-1',
      deployment: { pluginName: 'device-stamp', environmentName: 'solo' },
    });
  });

  it('takes the plugin --plugin names', () => {
    expect(choose(['--env', 'multi', '--plugin', 'example'])).toMatchObject({
      stackName: 'example-multi',
      region: 'us-east-1',
    });
  });

  it('asks for --plugin when the environment deploys several, listing them', () => {
    expect(() => choose(['--env', 'multi'])).toThrow(
      new UsageError(
        'Environment "multi" deploys 2 plugins, one stack each: say which with --plugin <name>, one of: example, device-stamp.',
        { command: 'secret-status' },
      ),
    );
  });

  it('refuses a plugin the environment does not deploy, listing the ones it does', () => {
    expect(() => choose(['--env', 'solo', '--plugin', 'example'])).toThrow(
      'Environment "solo" deploys no plugin "example"; its plugins: device-stamp.',
    );
  });

  it('refuses an environment the config does not have, listing the ones it has', () => {
    expect(() => choose(['--env', 'prod'])).toThrow(
      new UsageError(
        'Unknown environment "prod". The environments (infra/config/environments.ts): solo, multi.',
        { command: 'secret-status' },
      ),
    );
  });

  it("lets --region override the environment's region", () => {
    expect(choose(['--env', 'solo', '--region', 'ap-south-1']).region).toBe('ap-south-1');
  });

  it('takes --stack as named, with the region of --env even when the environment has several plugins', () => {
    expect(choose(['--env', 'multi', '--stack', 'legacy-stack'])).toEqual({
      stackName: 'legacy-stack',
      region: 'us-east-1',
      deployment: undefined,
    });
  });

  it('reads no config for --secret-arn alone', () => {
    const untouchable = () => {
      throw new Error('the config was read');
    };

    expect(
      chooseStack(parseOpsArgs(['rotate', '--secret-arn', 'arn:aws:secretsmanager:x']), untouchable),
    ).toEqual({ stackName: undefined, region: undefined, deployment: undefined });
  });

  it('refuses --plugin without --env', () => {
    expect(() => choose(['--stack', 'some-stack', '--plugin', 'example'])).toThrow('add --env <name>');
  });
});

describe("the repository's deployment config", () => {
  it('has the environments of infra/config/environments.ts', () => {
    expect(repositoryConfig().environmentNames).toEqual(ENVIRONMENT_NAMES);
  });

  it.each(ENVIRONMENT_NAMES)('names the stacks of %s <plugin>-<env>, in its region', (name) => {
    const environment = repositoryConfig().environment(name);

    expect(environment.region).toBe(environments[name].region);
    expect(environment.plugins.map((plugin) => plugin.pluginName)).toEqual(
      Object.keys(environments[name].plugins),
    );
    for (const plugin of environment.plugins) {
      expect(plugin).toEqual({
        pluginName: plugin.pluginName,
        environmentName: name,
        stackName: `${plugin.pluginName}-${name}`,
        region: environments[name].region,
      });
    }
  });
});
