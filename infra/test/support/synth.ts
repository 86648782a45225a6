import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { type EnvironmentConfig, environments } from '../../config/environments.js';
import { addPluginStack } from '../../lib/plugin-app.js';
import { PluginStack } from '../../lib/stack/plugin-stack.js';

/** cdk.json's context (feature flags), so tests synthesize what `cdk synth` synthesizes. */
export const cdkJsonContext: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8'),
).context;

export interface SynthOptions {
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
export function newApp(context: Record<string, unknown>, options: SynthOptions = {}): App {
  return new App({
    context: { ...cdkJsonContext, ...context, ...(options.bundle ? {} : { [BUNDLING_STACKS]: [] }) },
    builtinCloudFormationValidation: false,
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
}

export function synthEnvironment(name: string, options: SynthOptions = {}) {
  const app = newApp({ env: name }, options);
  const stack = addPluginStack(app);
  return { app, stack, template: Template.fromStack(stack) };
}

/** The dev environment with some settings changed, e.g. to test a guard or an optional feature. */
export function synthDevWith(overrides: Partial<EnvironmentConfig>, options: SynthOptions = {}) {
  const app = newApp({}, options);
  const config: EnvironmentConfig = { ...environments.dev, ...overrides };
  const stack = new PluginStack(app, 'biot-plugin-test', {
    env: { account: config.account, region: config.region },
    environmentName: 'test',
    config,
  });
  return { app, stack, template: Template.fromStack(stack) };
}
