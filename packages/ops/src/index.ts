export { COMMANDS, type CommandName, type OpsArgs, parseOpsArgs, USAGE } from './args.js';
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
export { runOps } from './main.js';
export { STACK_OUTPUTS } from './target/resolve-target.js';
export { stackNameFor } from './target/stack-name.js';
