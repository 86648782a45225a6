import { fileURLToPath } from 'node:url';
import { findPlugins, type PluginPackage } from '@biot-plugin/workspace';

/** The dev server's own test plugins: `patient-desk` (every hook type) and `device-clock`. */
export const FIXTURE_PLUGINS_DIR = fileURLToPath(new URL('../fixtures/plugins', import.meta.url));

/** Test plugins whose hooks fail, kept apart so the fixtures above all pass. */
export const FAULTY_PLUGINS_DIR = fileURLToPath(new URL('../fixtures/faulty-plugins', import.meta.url));

export function fixturePlugins(dir = FIXTURE_PLUGINS_DIR): PluginPackage[] {
  return findPlugins(dir);
}

export function fixturePlugin(name: string, dir = FIXTURE_PLUGINS_DIR): PluginPackage {
  const found = findPlugins(dir).find((pkg) => pkg.name === name);
  if (found === undefined) throw new Error(`no fixture plugin ${name} in ${dir}`);
  return found;
}
