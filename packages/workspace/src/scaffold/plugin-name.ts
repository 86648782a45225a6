import { isPluginName, PLUGIN_NAME_RULE } from '@biot-plugin/runtime';

export { PLUGIN_NAME_RULE };

/** Why `name` cannot name a plugin (definePlugin's rule, checked before a file is written), or undefined. */
export function pluginNameProblem(name: string): string | undefined {
  return isPluginName(name) ? undefined : `"${name}" is not a plugin name: use ${PLUGIN_NAME_RULE}.`;
}
