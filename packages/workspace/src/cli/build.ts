import { relative } from 'node:path';
import { buildPluginBundle } from '../plugin-bundle.js';
import { findPlugins, PluginWorkspaceError, REPO_ROOT, selectPlugins } from '../plugin-packages.js';
import { isCommandLineError, parseCommandLine } from './command-line.js';

const USAGE = `Usage: pnpm build [-- --plugin <name>]

Builds the production bundle of every plugin in packages/plugins (or of the one named):
packages/plugins/<name>/dist/index.mjs, the bundle CDK deploys and \`pnpm zip\` packs.`;

try {
  const { values } = parseCommandLine({
    args: process.argv.slice(2),
    options: { plugin: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
  } else {
    for (const pkg of selectPlugins(findPlugins(), values.plugin)) {
      const { outfile, loadedAtImportBytes, codeBytes } = await buildPluginBundle(pkg);
      console.log(
        `built ${relative(REPO_ROOT, outfile)} and its chunks (${codeBytes} bytes of code, ${loadedAtImportBytes} loaded by a cold start)`,
      );
    }
  }
} catch (error) {
  if (!(error instanceof PluginWorkspaceError || isCommandLineError(error))) throw error;
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exitCode = 2;
}
