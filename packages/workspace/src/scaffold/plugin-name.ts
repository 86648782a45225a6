/**
 * definePlugin's rule for a plugin's name (packages/runtime/src/plugin/define-plugin.ts): the name
 * becomes the stack (`<name>-<env>`), the Lambda and `--plugin <name>`, so the scaffolder refuses
 * a name definePlugin would refuse, before it writes a file. A test holds the two rules together.
 */
const PLUGIN_NAME = /^[a-z][a-z0-9-]{0,39}$/;

export const PLUGIN_NAME_RULE = 'lower-case letters, digits and "-", starting with a letter (at most 40)';

/** Why `name` cannot name a plugin, or undefined when it can. */
export function pluginNameProblem(name: string): string | undefined {
  return PLUGIN_NAME.test(name) ? undefined : `"${name}" is not a plugin name: use ${PLUGIN_NAME_RULE}.`;
}
