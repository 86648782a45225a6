import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { definePlugin, HOOK_NAMES } from '@biot-plugin/runtime';
import { findSubscriptionProblems } from '@biot-plugin/subscriptions/declared-subscriptions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPlugins, loadPluginDefinition, pluginPackage } from '../../src/plugin-packages.js';
import { HOOK_TEMPLATES } from '../../src/scaffold/hook-templates.js';
import { pluginNameProblem } from '../../src/scaffold/plugin-name.js';
import { ScaffoldError, scaffoldPlugin } from '../../src/scaffold/scaffold-plugin.js';

/**
 * A temporary plugins folder inside this package, not under the OS's temp folder: a generated
 * plugin imports `@biot-plugin/runtime`, which resolves through this package's node_modules as a
 * real plugin's does through its own. Its name starts with a dot, so no test glob picks it up.
 */
const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

describe('scaffoldPlugin', () => {
  let pluginsDir: string;
  beforeAll(async () => {
    pluginsDir = await mkdtemp(join(PACKAGE_DIR, '.scaffold-test-'));
  });
  afterAll(() => rm(pluginsDir, { recursive: true, force: true }));

  const read = (name: string, file: string) => readFile(join(pluginsDir, name, file), 'utf8');

  it('writes a plugin package with the notification hook when no hooks are asked for', async () => {
    const plugin = await scaffoldPlugin({ name: 'first-plugin', pluginsDir });

    expect(plugin.hooks).toEqual(['notification']);
    expect([...plugin.files].sort()).toEqual([
      'README.md',
      'package.json',
      'src/handler.ts',
      'src/hooks/notification.ts',
      'src/hooks/patients.ts',
      'src/plugin.ts',
      'test/first-plugin.test.ts',
    ]);
    expect(findPlugins(pluginsDir).map((found) => found.name)).toContain('first-plugin');
  });

  it('names the package and its dependencies as every plugin package does', async () => {
    await scaffoldPlugin({ name: 'named-package', pluginsDir });

    expect(JSON.parse(await read('named-package', 'package.json'))).toMatchObject({
      name: '@biot-plugin/plugin-named-package',
      private: true,
      type: 'module',
      exports: { '.': './src/plugin.ts', './handler': './src/handler.ts' },
      dependencies: { '@biot-plugin/runtime': 'workspace:*' },
      devDependencies: { '@biot-plugin/testing': 'workspace:*' },
    });
  });

  it('writes a definition that definePlugin accepts, named as its folder, with every hook wired', async () => {
    await scaffoldPlugin({ name: 'every-hook', hooks: [...HOOK_NAMES].reverse(), pluginsDir });

    const plugin = await loadPluginDefinition(pluginPackage(join(pluginsDir, 'every-hook'), 'every-hook'));

    expect(Object.keys(plugin.hooks)).toEqual(HOOK_NAMES);
    expect(plugin.subscriptions.notifications).toEqual([
      { entityTypeName: 'patient', actionName: '_create' },
    ]);
    expect(plugin.subscriptions.interceptions.map((entry) => entry.type)).toEqual([
      'PRE_REQUEST',
      'PRE_REQUEST',
      'POST_REQUEST',
      'ADAPT_ENTITY',
    ]);
    expect(plugin.schedule).toEqual({ expression: 'rate(1 day)' });
  });

  it.each(HOOK_NAMES)('writes a plugin of the %s hook alone that definePlugin accepts', async (hook) => {
    const name = `only-${hook.toLowerCase()}`;
    await scaffoldPlugin({ name, hooks: [hook], pluginsDir });

    const plugin = await loadPluginDefinition(pluginPackage(join(pluginsDir, name), name));

    expect(Object.keys(plugin.hooks)).toEqual([hook]);
    expect(await read(name, `test/${name}.test.ts`)).toContain(HOOK_TEMPLATES[hook].testCases);
  });

  it("subscribes each hook only to what BioT's vocabulary knows", () => {
    for (const template of Object.values(HOOK_TEMPLATES)) {
      const subscriptions = { notifications: template.notifications, interceptions: template.interceptions };
      expect(findSubscriptionProblems(subscriptions), template.hook).toEqual([]);
    }
  });

  it('writes hooks with no TODO left in them', async () => {
    const plugin = await scaffoldPlugin({ name: 'no-todo', hooks: HOOK_NAMES, pluginsDir });

    for (const file of plugin.files) expect(await read('no-todo', file), file).not.toMatch(/TODO|FIXME/);
  });

  it('refuses a folder that exists, and leaves it as it was', async () => {
    await mkdir(join(pluginsDir, 'taken'));
    await writeFile(join(pluginsDir, 'taken', 'mine.txt'), 'kept');

    await expect(scaffoldPlugin({ name: 'taken', pluginsDir })).rejects.toThrow(/taken already exists/);
    expect(await read('taken', 'mine.txt')).toBe('kept');
    expect(findPlugins(pluginsDir).map((found) => found.name)).not.toContain('taken');
  });

  it('refuses an unknown hook, listing the hooks there are, before writing anything', async () => {
    const attempt = scaffoldPlugin({ name: 'wrong-hook', hooks: ['notification', 'onCreate'], pluginsDir });

    await expect(attempt).rejects.toThrow(ScaffoldError);
    await expect(attempt).rejects.toThrow(
      `"onCreate" is not a hook; the hooks are: ${HOOK_NAMES.join(', ')}.`,
    );
    expect(findPlugins(pluginsDir).map((found) => found.name)).not.toContain('wrong-hook');
  });

  it('refuses an empty list of hooks', async () => {
    await expect(scaffoldPlugin({ name: 'no-hooks', hooks: [], pluginsDir })).rejects.toThrow(
      'Name at least one hook',
    );
  });

  it.each(['Upper', '1st', '-dash', 'under_score', 'a'.repeat(41), ''])(
    'refuses the name %j, saying what a name is',
    async (name) => {
      await expect(scaffoldPlugin({ name, pluginsDir })).rejects.toThrow(
        'use lower-case letters, digits and "-", starting with a letter (at most 40)',
      );
    },
  );
});

describe('the plugin name rule', () => {
  it.each(['a', 'device-stamp', 'x1', 'a'.repeat(40), 'A', 'a_b', '9a', 'a'.repeat(41), 'a.b'])(
    'agrees with definePlugin on %j',
    (name) => {
      const definePluginAccepts = () =>
        definePlugin({ name, hooks: { scheduled: () => ({}) }, subscriptions: {}, schedule: 'rate(1 day)' });

      if (pluginNameProblem(name) === undefined) expect(definePluginAccepts).not.toThrow();
      else expect(definePluginAccepts).toThrow(/must be lower-case letters/);
    },
  );
});
