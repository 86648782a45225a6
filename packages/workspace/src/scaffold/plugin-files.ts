import { HOOK_NAMES, type HookName } from '@biot-plugin/runtime';
import { HOOK_TEMPLATES, type HookTemplate, PATIENTS_FILE, PATIENTS_MODULE } from './hook-templates.js';

/** What a new plugin is made of: its name and the hooks it starts with. */
export interface NewPluginSpec {
  readonly name: string;
  readonly hooks: readonly HookName[];
}

/**
 * The files of a new plugin package, by path relative to its folder, in the layout every plugin
 * shares (packages/plugins/device-stamp): package.json, src/plugin.ts, src/handler.ts,
 * src/hooks/, test/, README.md. The text is already as `biome format` writes it.
 */
export function pluginFiles(spec: NewPluginSpec): Record<string, string> {
  const templates = HOOK_NAMES.filter((hook) => spec.hooks.includes(hook)).map(
    (hook) => HOOK_TEMPLATES[hook],
  );
  return {
    'package.json': packageJson(spec.name, templates),
    'README.md': readme(spec.name, templates),
    'src/plugin.ts': pluginDefinition(spec.name, templates),
    'src/handler.ts': HANDLER,
    ...(templates.some((template) => template.source.includes(PATIENTS_MODULE))
      ? { 'src/hooks/patients.ts': PATIENTS_FILE }
      : {}),
    ...Object.fromEntries(templates.map((template) => [`src/hooks/${template.file}.ts`, template.source])),
    [`test/${spec.name}.test.ts`]: pluginTest(spec.name, templates),
  };
}

function packageJson(name: string, templates: readonly HookTemplate[]): string {
  const pkg = {
    name: `@biot-plugin/plugin-${name}`,
    version: '0.1.0',
    private: true,
    type: 'module',
    description: `A BioT plugin with the ${listed(templates.map((template) => template.hook))} hook${templates.length === 1 ? '' : 's'}.`,
    exports: { '.': './src/plugin.ts', './handler': './src/handler.ts' },
    dependencies: { '@biot-plugin/runtime': 'workspace:*' },
    devDependencies: { '@biot-plugin/testing': 'workspace:*' },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const HANDLER = `import { lambdaHandler } from '@biot-plugin/runtime';
import { plugin } from './plugin.js';

/** The Lambda entry (\`index.handler\` in the bundle). */
export const handler = lambdaHandler(plugin);
`;

function pluginDefinition(name: string, templates: readonly HookTemplate[]): string {
  const imports = templates
    .map((template) => `import { ${template.hook} } from './hooks/${template.file}.js';`)
    .sort(byModulePath);
  const notifications = templates.flatMap((template) => template.notifications);
  const interceptions = templates.flatMap((template) => template.interceptions);
  const schedule = templates.find((template) => template.schedule !== undefined)?.schedule;
  const subscriptions = [
    ...(notifications.length > 0 ? [arrayProperty('notifications', notifications, 4)] : []),
    ...(interceptions.length > 0 ? [arrayProperty('interceptions', interceptions, 4)] : []),
  ];
  return `import { definePlugin } from '@biot-plugin/runtime';
${imports.join('\n')}

/**
 * The ${name} plugin: its hooks, and what BioT must send each (definePlugin refuses a hook without
 * a subscription, and a subscription without its hook). \`cdk deploy\` registers the subscriptions;
 * an environment may override them (infra/config/environments.ts).
 */
export const plugin = definePlugin({
  name: '${name}',
  hooks: { ${templates.map((template) => template.hook).join(', ')} },
  subscriptions: ${subscriptions.length > 0 ? `{\n${subscriptions.join('\n')}\n  }` : '{}'},
${schedule === undefined ? '' : `  schedule: '${schedule}',\n`}});
`;
}

function pluginTest(name: string, templates: readonly HookTemplate[]): string {
  const readsPatients = templates.some((template) => template.readsPatients);
  const namesPatients = templates.some((template) => template.testCases.includes('PATIENTS'));
  return `import { type PluginTest, startPluginTest } from '@biot-plugin/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
${namesPatients ? "import { PATIENTS } from '../src/hooks/patients.js';\n" : ''}import { plugin } from '../src/plugin.js';
${readsPatients ? TEST_PATIENTS : ''}
describe('the ${name} plugin', () => {
  let kit: PluginTest;
  beforeAll(async () => {
    kit = await startPluginTest(plugin${readsPatients ? ', { entities: { patients: TEST_PATIENTS } }' : ''});
  });
  afterAll(() => kit?.close());
  // Each test starts from the seeded entities, with no calls recorded and a cold handler.
  beforeEach(() => kit.reset());

${templates.map((template) => template.testCases).join('\n')}});
`;
}

const TEST_PATIENTS = `
/** The patients of the emulated BioT the hooks call: two enabled, one disabled. */
const TEST_PATIENTS = [
  { _id: 'patient-1', _enabled: 'ENABLED' },
  { _id: 'patient-2', _enabled: 'ENABLED' },
  { _id: 'patient-3', _enabled: 'DISABLED' },
];
`;

function readme(name: string, templates: readonly HookTemplate[]): string {
  // A list, not a table: biome pads a table's columns, so a table's text depends on its widest cell.
  const hooks = templates.map(
    (template) =>
      `- [\`src/hooks/${template.file}.ts\`](src/hooks/${template.file}.ts), the \`${template.hook}\` hook: ${template.summary}.`,
  );
  return `# ${name}

A BioT plugin. [\`src/plugin.ts\`](src/plugin.ts) names its hooks and what BioT must send each;
[\`src/handler.ts\`](src/handler.ts) is its Lambda entry; the hooks are in [\`src/hooks/\`](src/hooks).

${hooks.join('\n')}

The hooks start as working examples on BioT's patients: change them to what the plugin is for, and
change the subscriptions in \`src/plugin.ts\` with them.

\`\`\`sh
pnpm vitest run packages/plugins/${name}   # the tests: the real handler, signed events, an emulated BioT
pnpm start --plugin ${name}                # the plugin behind a local Function URL, BioT emulated
\`\`\`

To deploy it, add it to an environment in \`infra/config/environments.ts\` under \`plugins\`; its stack
is \`${name}-<env>\`, operated with \`pnpm ops <command> --env <env> --plugin ${name}\`.
`;
}

/** `key: [...],` as biome formats it: on one line when it fits, else one entry per line. */
function arrayProperty(key: string, entries: readonly object[], indent: number): string {
  const pad = ' '.repeat(indent);
  const items = entries.map(literal);
  const oneLine = `${pad}${key}: [${items.join(', ')}],`;
  // biome, like prettier, breaks an array of two or more objects of several keys even when it fits.
  const breaks = entries.length > 1 && entries.every((entry) => Object.keys(entry).length > 1);
  if (!breaks && oneLine.length <= LINE_WIDTH) return oneLine;
  return `${pad}${key}: [\n${items.map((item) => `${pad}  ${item},`).join('\n')}\n${pad}],`;
}

const LINE_WIDTH = 110;

function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const fields = Object.entries(value).map(([key, field]) => `${propertyKey(key)}: ${literal(field)}`);
    return `{ ${fields.join(', ')} }`;
  }
  throw new TypeError(`Cannot write ${String(value)} as a literal`);
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : literal(key);
}

function byModulePath(a: string, b: string): number {
  const path = (line: string) => line.slice(line.lastIndexOf(' from '));
  return path(a).localeCompare(path(b));
}

/** `a`, `a and b`, `a, b and c` */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
