import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ENVIRONMENT_NAMES,
  environmentNamed,
  environments,
  pluginsOf,
  UnknownEnvironmentError,
} from '../../config/environments.js';

// The real config, read as ops reads it: no plugin is loaded, and nothing here names an
// environment or a plugin, so adding either keeps these tests as they are.
describe('the environments in config/environments.ts', () => {
  it('are the names ENVIRONMENT_NAMES lists, in the order of the file', () => {
    expect(ENVIRONMENT_NAMES).toEqual(Object.keys(environments));
  });

  it.each(ENVIRONMENT_NAMES)('%s has valid settings for every plugin it deploys', (name) => {
    expect(pluginsOf(name).length).toBeGreaterThan(0);
  });

  it.each(ENVIRONMENT_NAMES)(
    '%s gives each plugin an operations user of its own, the documented default',
    (name) => {
      for (const plugin of pluginsOf(name)) {
        expect(plugin.operationsUserId).toEqual(expect.any(String));
        expect(plugin.operationsUserId).not.toBe(plugin.serviceUserId);
      }
    },
  );

  it('turn the repeat check across containers on in every production environment', () => {
    for (const name of ENVIRONMENT_NAMES.filter((n) => environmentNamed(n).config.production)) {
      for (const plugin of pluginsOf(name)) expect(plugin.repeatCheckAcrossContainers).toBe(true);
    }
  });

  it.each(ENVIRONMENT_NAMES)(
    "%s deploys each plugin as <plugin>-%s, in the environment's account and region",
    (name) => {
      const { config } = environmentNamed(name);

      for (const plugin of pluginsOf(name)) {
        expect(plugin).toMatchObject({
          stackName: `${plugin.pluginName}-${name}`,
          account: config.account,
          region: config.region,
        });
      }
    },
  );

  it('load without the CDK', () => {
    const refuseCdk = fileURLToPath(new URL('../fixtures/refuse-cdk-imports.mjs', import.meta.url));
    const config = fileURLToPath(new URL('../../config/environments.ts', import.meta.url));

    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        refuseCdk,
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(config)});`,
      ],
      { encoding: 'utf8' },
    );

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('choosing an environment', () => {
  it('fails listing the valid names when none is given', () => {
    expect(() => environmentNamed(undefined)).toThrow(
      `No environment given. Pass -c env=<name>, one of: ${ENVIRONMENT_NAMES.join(', ')}.`,
    );
  });

  it('fails listing the valid names for an unknown environment', () => {
    expect(() => environmentNamed('no-such-environment')).toThrow(UnknownEnvironmentError);
    expect(() => pluginsOf('no-such-environment')).toThrow(
      `Unknown environment "no-such-environment". Pass -c env=<name>, one of: ${ENVIRONMENT_NAMES.join(', ')}.`,
    );
  });

  it('does not mistake an inherited property for an environment', () => {
    expect(() => environmentNamed('toString')).toThrow(UnknownEnvironmentError);
  });
});
