import { HOOK_NAMES } from '@biot-plugin/runtime';
import { isCommandLineError, parseCommandLine } from '../cli/command-line.js';
import { PluginWorkspaceError } from '../plugin-packages.js';
import { installWorkspace } from './install-workspace.js';
import { nextSteps } from './next-steps.js';
import { PLUGIN_NAME_RULE } from './plugin-name.js';
import { DEFAULT_HOOKS, PluginFolderExistsError, ScaffoldError, scaffoldPlugin } from './scaffold-plugin.js';

const USAGE = `Usage: pnpm new-plugin <name> [--hooks <hook>,<hook>...]

Creates packages/plugins/<name>/, a plugin package that passes \`pnpm check\` as it is: a working
example of each hook (on BioT's patients), the subscriptions that make BioT call them, the Lambda
handler, a test of each hook with @biot-plugin/testing, and a README. Then links it into the
workspace with \`pnpm install --offline\` (\`pnpm install\` if that fails).

  <name>          ${PLUGIN_NAME_RULE};
                  it names the stack (<name>-<env>) and --plugin <name>
  --hooks <list>  comma-separated, any of: ${HOOK_NAMES.join(', ')}
                  (default: ${DEFAULT_HOOKS.join(', ')})
  -h, --help      this text`;

export interface NewPluginIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export interface NewPluginOptions {
  /** @default PLUGINS_DIR */
  readonly pluginsDir?: string;
  /** Links the new package into the workspace. @default installWorkspace (pnpm install --offline) */
  readonly install?: (packageDir: string) => Promise<unknown>;
}

/**
 * `pnpm new-plugin <name> [--hooks ...]`: writes the plugin, links it, prints the next steps.
 * Answers the exit code: 0 done, 2 a wrong command line or a name that is taken, 1 the install failed.
 */
export async function runNewPlugin(
  argv: readonly string[],
  io: NewPluginIo,
  { pluginsDir, install = (packageDir) => installWorkspace({ packageDir }) }: NewPluginOptions = {},
): Promise<number> {
  try {
    const { values, positionals } = parseCommandLine({
      args: argv,
      options: { hooks: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const [name, ...extra] = positionals;
    if (name === undefined) throw new ScaffoldError('Name the plugin: pnpm new-plugin <name>.');
    if (extra.length > 0) throw new ScaffoldError(`Unexpected argument "${extra[0]}".`);
    const hooks = values.hooks
      ?.split(',')
      .map((hook) => hook.trim())
      .filter((hook) => hook !== '');
    const plugin = await scaffoldPlugin({
      name,
      ...(hooks === undefined ? {} : { hooks }),
      ...(pluginsDir === undefined ? {} : { pluginsDir }),
    });
    io.stdout.write(`Linking ${plugin.name} into the workspace…\n`);
    await install(plugin.dir);
    io.stdout.write(`\n${nextSteps(plugin)}\n`);
    return 0;
  } catch (error) {
    const wrongLine = isCommandLineError(error);
    if (!wrongLine && !(error instanceof PluginWorkspaceError)) throw error;
    // A wrong command line gets the usage; a taken name or a failed install only the message.
    const usage =
      wrongLine || (error instanceof ScaffoldError && !(error instanceof PluginFolderExistsError));
    io.stderr.write(`${(error as Error).message}\n${usage ? `\n${USAGE}\n` : ''}`);
    return wrongLine || error instanceof ScaffoldError ? 2 : 1;
  }
}
