export { COMMANDS, type CommandName, type OpsArgs, parseOpsArgs } from './args.js';
export {
  AwsAccessError,
  BiotAccessError,
  OpsError,
  SecretNotFoundError,
  StackNotFoundError,
  UsageError,
} from './errors.js';
export { type KeyInput, parseKeyInput } from './input/key-input.js';
export type { OpsIo } from './io.js';
export { type RunOpsOptions, runOps } from './main.js';
export type { DeployedEnvironment, DeploymentConfig, PluginStack } from './target/deployment-config.js';
export { repositoryConfig } from './target/repository-config.js';
export { STACK_OUTPUTS } from './target/resolve-target.js';
export { chooseStack, type StackChoice } from './target/stack-choice.js';
export { commandUsage, USAGE } from './usage.js';
