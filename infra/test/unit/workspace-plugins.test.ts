import { fileURLToPath } from 'node:url';
import { PluginDefinitionError } from '@biot-plugin/runtime';
import { describe, expect, it } from 'vitest';
import { loadWorkspacePlugins } from '../../lib/workspace-plugins.js';
import { AUDIT_TRAIL, FIXTURE_PLUGINS_DIR, NIGHTLY_REPORT } from '../support/fixtures.js';

describe('the plugins of a workspace', () => {
  it('are every plugin package in the folder, each with its definition and handler file', async () => {
    const plugins = await loadWorkspacePlugins(FIXTURE_PLUGINS_DIR);

    expect(plugins).toEqual([AUDIT_TRAIL, NIGHTLY_REPORT]);
  });

  it("fail to load with the definition's own error when a definition is inconsistent", async () => {
    const broken = fileURLToPath(new URL('../fixtures/broken-plugins/', import.meta.url));

    await expect(loadWorkspacePlugins(broken)).rejects.toThrow(PluginDefinitionError);
    await expect(loadWorkspacePlugins(broken)).rejects.toThrow(
      /The definition of plugin "unwired" is inconsistent:\n {2}- hooks\.adaptEntity would never be called/,
    );
  });
});
