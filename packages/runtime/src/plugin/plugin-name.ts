/**
 * What may name a plugin: the name becomes its stack (`<name>-<env>`), its Lambda, its logs'
 * `appName` and `--plugin <name>` on the command line. definePlugin and the scaffolder both
 * apply this one rule.
 */
const PLUGIN_NAME = /^[a-z][a-z0-9-]{0,39}$/;

export const PLUGIN_NAME_RULE = 'lower-case letters, digits and "-", starting with a letter (at most 40)';

export function isPluginName(name: string): boolean {
  return PLUGIN_NAME.test(name);
}
