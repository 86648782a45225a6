import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { addPluginStacks, type DeployablePlugin } from '../../lib/plugin-app.js';
import type { EnvironmentConfig } from '../../lib/settings/environment-config.js';
import type { PluginStack } from '../../lib/stack/plugin-stack.js';
import { FIXTURE_ENVIRONMENTS, FIXTURE_PLUGINS } from './fixtures.js';

/** cdk.json's context (feature flags), so tests synthesize what `cdk synth` synthesizes. */
const cdkJsonContext: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8'),
).context;

export interface SynthOptions {
  /** @default the fixture environments, qa and live */
  readonly environments?: Readonly<Record<string, EnvironmentConfig>>;
  /** @default the fixture plugins, audit-trail and nightly-report */
  readonly plugins?: readonly DeployablePlugin[];
  /** Run esbuild as `cdk synth` does. @default false: the asset is not built, synth takes milliseconds */
  readonly bundle?: boolean;
  /** Where the cloud assembly goes. @default - a temporary folder */
  readonly outdir?: string;
}

/**
 * A fresh app as `cdk synth -c env=<name>` builds it: cdk.json's context, the same entry function,
 * cdk-nag included. CDK's built-in CloudFormation validator is off (it takes seconds per synth);
 * cfn-lint covers templates instead.
 */
function newApp(context: Record<string, unknown>, options: SynthOptions = {}): App {
  return new App({
    context: { ...cdkJsonContext, ...context, ...(options.bundle ? {} : { [BUNDLING_STACKS]: [] }) },
    builtinCloudFormationValidation: false,
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
}

/** Every stack of an environment, as `cdk synth -c env=<name>` adds them. */
export function synthEnvironment(
  name: unknown,
  options: SynthOptions = {},
  context: Record<string, unknown> = {},
) {
  const app = newApp({ ...(name === undefined ? {} : { env: name }), ...context }, options);
  const stacks = addPluginStacks(app, {
    environments: options.environments ?? FIXTURE_ENVIRONMENTS,
    plugins: options.plugins ?? FIXTURE_PLUGINS,
  });
  return { app, stacks };
}

export interface SynthStack {
  readonly app: App;
  readonly stack: PluginStack;
  readonly template: Template;
}

/** The stack of one plugin in an environment, and its template. */
export function synthStack(
  pluginName: string,
  environmentName = 'qa',
  options: SynthOptions = {},
): SynthStack {
  const stackName = `${pluginName}-${environmentName}`;
  // `cdk deploy <stack>` bundles only that stack's assets; so does this.
  const { app, stacks } = synthEnvironment(
    environmentName,
    options,
    options.bundle ? { [BUNDLING_STACKS]: [stackName] } : {},
  );
  const stack = stacks.find((candidate) => candidate.stackName === stackName);
  if (stack === undefined) throw new Error(`no stack ${stackName}`);
  return { app, stack, template: Template.fromStack(stack) };
}

/**
 * The stack of one plugin in the qa fixture environment with some settings changed: `environment`
 * for the environment's own, `plugin` for the plugin's entry.
 */
export function synthQaWith(
  pluginName: string,
  changes: { environment?: Partial<EnvironmentConfig>; plugin?: EnvironmentConfig['plugins'][string] },
  options: Omit<SynthOptions, 'environments'> = {},
): SynthStack {
  const qa = FIXTURE_ENVIRONMENTS.qa as EnvironmentConfig;
  const config: EnvironmentConfig = {
    ...qa,
    ...changes.environment,
    plugins: { ...qa.plugins, [pluginName]: { ...qa.plugins[pluginName], ...changes.plugin } },
  };
  return synthStack(pluginName, 'qa', { ...options, environments: { qa: config } });
}
