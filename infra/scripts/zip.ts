import { join, relative } from 'node:path';
import {
  findPlugins,
  isCommandLineError,
  loadPluginDefinition,
  type PluginPackage,
  PluginWorkspaceError,
  parseCommandLine,
  REPO_ROOT,
  selectPlugins,
} from '@biot-plugin/workspace';
import { unzipSync } from 'fflate';
import { describeBiotCronSchedule } from './biot-cron-schedule.js';
import { writePluginZip } from './plugin-zip.js';

const USAGE = `Usage: pnpm zip [--plugin <name>]

Builds the plugin's production bundle (as pnpm build does) and writes dist/<name>.zip, with
index.mjs and its source map at the zip's root, for BioT's plugin API (handler index.handler),
and prints the cronSchedule of BioT's plugin config that runs the plugin's schedule.
--plugin may be left out when packages/plugins holds one plugin.`;

// `pnpm zip`: the bundle CDK deploys, as a zip for BioT's plugin API (BioT-hosted plugins).
try {
  const { values } = parseCommandLine({
    args: process.argv.slice(2),
    options: { plugin: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
  } else {
    // exactlyOne: one plugin, or a PluginWorkspaceError naming the choices.
    const [pkg] = selectPlugins(findPlugins(), values.plugin, { exactlyOne: true }) as [PluginPackage];
    const { path, zip } = await writePluginZip(pkg, join(REPO_ROOT, 'dist'));
    const names = Object.keys(unzipSync(zip));
    const chunks = names.filter((name) => name.startsWith('chunks/')).length;
    const entries = [
      ...names.filter((name) => !name.startsWith('chunks/')),
      ...(chunks ? [`${chunks} files in chunks/`] : []),
    ].join(', ');
    console.log(
      `wrote ${relative(REPO_ROOT, path)} (${zip.byteLength} bytes: ${entries}); handler index.handler`,
    );
    const { schedule } = await loadPluginDefinition(pkg);
    for (const line of describeBiotCronSchedule(schedule)) console.log(line);
  }
} catch (error) {
  // Wrong usage (an unknown flag, no or an unknown plugin): say so with the usage, exit 2.
  const usageMistake = error instanceof PluginWorkspaceError || isCommandLineError(error);
  if (!usageMistake) throw error;
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exitCode = 2;
}
