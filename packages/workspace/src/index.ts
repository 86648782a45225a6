export {
  type BundleResult,
  builtinsViaRequire,
  bundleFiles,
  bundleInChildProcess,
  bundlePlugin,
  createRequireBanner,
  esbuildOptions,
  externalModules,
  target,
} from './bundle/index.js';
export {
  CommandLineError,
  commandLineArgs,
  isCommandLineError,
  parseCommandLine,
} from './cli/command-line.js';
export { buildPluginBundle, ensurePluginBundle } from './plugin-bundle.js';
export {
  findPlugins,
  loadPluginDefinition,
  PLUGINS_DIR,
  type PluginPackage,
  PluginWorkspaceError,
  pluginPackage,
  REPO_ROOT,
  selectPlugins,
} from './plugin-packages.js';
export { installWorkspace, WorkspaceInstallError } from './scaffold/install-workspace.js';
export { runNewPlugin } from './scaffold/new-plugin-command.js';
export { PLUGIN_NAME_RULE, pluginNameProblem } from './scaffold/plugin-name.js';
export {
  DEFAULT_HOOKS,
  PluginFolderExistsError,
  ScaffoldError,
  type ScaffoldedPlugin,
  type ScaffoldRequest,
  scaffoldPlugin,
} from './scaffold/scaffold-plugin.js';
