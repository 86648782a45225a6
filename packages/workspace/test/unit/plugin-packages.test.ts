import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  findPlugins,
  loadPluginDefinition,
  type PluginPackage,
  PluginWorkspaceError,
  pluginPackage,
  selectPlugins,
} from '../../src/plugin-packages.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
/** alpha and beta, beside `notes`, a folder without src/plugin.ts. */
const TWO_PLUGINS = join(FIXTURES, 'plugins');
const ONE_PLUGIN = join(FIXTURES, 'single');
const BROKEN = join(FIXTURES, 'broken');

const names = (plugins: readonly PluginPackage[]) => plugins.map((plugin) => plugin.name);

describe('findPlugins', () => {
  it('finds a plugin per folder that has src/plugin.ts, named by its folder, in name order', () => {
    const plugins = findPlugins(TWO_PLUGINS);

    expect(names(plugins)).toEqual(['alpha', 'beta']);
    expect(plugins[0]).toEqual({
      name: 'alpha',
      dir: join(TWO_PLUGINS, 'alpha'),
      definitionFile: join(TWO_PLUGINS, 'alpha', 'src', 'plugin.ts'),
      handlerFile: join(TWO_PLUGINS, 'alpha', 'src', 'handler.ts'),
      bundleFile: join(TWO_PLUGINS, 'alpha', 'dist', 'index.mjs'),
    });
  });

  it('finds none in a plugins folder that does not exist', () => {
    expect(findPlugins(join(FIXTURES, 'nowhere'))).toEqual([]);
  });
});

describe('selectPlugins', () => {
  const two = findPlugins(TWO_PLUGINS);
  const one = findPlugins(ONE_PLUGIN);

  it('selects every plugin when none is named', () => {
    expect(names(selectPlugins(two, undefined))).toEqual(['alpha', 'beta']);
  });

  it('selects the plugin --plugin names', () => {
    expect(names(selectPlugins(two, 'beta', { exactlyOne: true }))).toEqual(['beta']);
  });

  it('refuses a plugin that does not exist, listing the plugins there are', () => {
    expect(() => selectPlugins(two, 'gamma')).toThrow(
      new PluginWorkspaceError('There is no plugin "gamma"; the plugins are: alpha, beta.'),
    );
  });

  it('asks for --plugin when exactly one is needed and there are several, listing them', () => {
    expect(() => selectPlugins(two, undefined, { exactlyOne: true })).toThrow(
      new PluginWorkspaceError('Name the plugin with --plugin <name>, one of: alpha, beta.'),
    );
  });

  it('takes the only plugin when exactly one is needed and --plugin is omitted', () => {
    expect(names(selectPlugins(one, undefined, { exactlyOne: true }))).toEqual(['only']);
  });

  it('says how to create a plugin when there is none', () => {
    expect(() => selectPlugins([], undefined)).toThrow(/create one with `pnpm new-plugin <name>`/);
  });
});

describe('loadPluginDefinition', () => {
  it('loads the definition of a plugin named as its folder', async () => {
    const [alpha] = findPlugins(TWO_PLUGINS);

    const plugin = await loadPluginDefinition(alpha as PluginPackage);

    expect(plugin.name).toBe('alpha');
    expect(Object.keys(plugin.hooks)).toEqual(['scheduled']);
    expect(plugin.schedule).toEqual({ expression: 'rate(1 hour)' });
  });

  it("refuses a definition whose name is not its folder's", async () => {
    const misnamed = pluginPackage(join(BROKEN, 'misnamed'), 'misnamed');

    await expect(loadPluginDefinition(misnamed)).rejects.toThrow(
      'The plugin in packages/plugins/misnamed is named "other-name"; a plugin\'s name must be its folder\'s name.',
    );
  });

  it('refuses a src/plugin.ts that does not export `plugin`', async () => {
    const noExport = pluginPackage(join(BROKEN, 'no-export'), 'no-export');

    await expect(loadPluginDefinition(noExport)).rejects.toThrow(
      /must export `plugin`, the result of definePlugin/,
    );
  });
});
