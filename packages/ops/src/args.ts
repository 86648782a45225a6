import { parseCommandLine } from '@biot-plugin/workspace';
import { UsageError } from './errors.js';
import { COMMAND_HELP, COMMANDS, type CommandName } from './usage.js';

export { COMMANDS, type CommandName } from './usage.js';

export interface OpsArgs {
  command: CommandName | 'help';
  /** With `command: 'help'`: the command whose help was asked for (`pnpm ops rotate --help`). */
  helpFor?: CommandName;
  env?: string;
  plugin?: string;
  stack?: string;
  secretArn?: string;
  region?: string;
  biotUrl?: string;
  serviceUserId?: string;
  /** Which of the plugin's BioT service users' secret: its own (default) or its operations user's. */
  user?: ServiceUserRole;
  verify: boolean;
  replace: boolean;
  apply: boolean;
  functionUrl?: string;
  discardPending: boolean;
  timeoutSeconds: number;
  intervalMs: number;
}

const OPTIONS = {
  env: { type: 'string' },
  plugin: { type: 'string' },
  stack: { type: 'string' },
  'secret-arn': { type: 'string' },
  region: { type: 'string' },
  'biot-url': { type: 'string' },
  'service-user-id': { type: 'string' },
  user: { type: 'string' },
  verify: { type: 'boolean' },
  replace: { type: 'boolean' },
  apply: { type: 'boolean' },
  'function-url': { type: 'string' },
  'discard-pending': { type: 'boolean' },
  timeout: { type: 'string' },
  interval: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Options that belong to one command only: the ones its help lists. */
const COMMAND_OPTIONS: Record<string, CommandName> = Object.fromEntries(
  COMMANDS.flatMap((command) =>
    COMMAND_HELP[command].options.map(([flag]) => [flag.replace(/^--/, '').split(' ')[0], command]),
  ),
);

function parseOpsCommandLine(argv: readonly string[]) {
  return parseCommandLine({ args: argv, options: OPTIONS, allowPositionals: true });
}

export function parseOpsArgs(argv: readonly string[]): OpsArgs {
  let parsed: ReturnType<typeof parseOpsCommandLine>;
  try {
    parsed = parseOpsCommandLine(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const command = argv.find(isCommand);
    const unknownOption = /^Unknown option (\S+?)\./.exec(message)?.[1] ?? '';
    // --secret-key, --key, --secret: a key on the line. A misspelt --secret-arn gets its suggestion.
    if (/key/i.test(unknownOption) || /^--secret$/i.test(unknownOption)) {
      throw new UsageError(
        'The secret key is never taken from the command line (it would stay in your shell history and ' +
          'in the process list): pipe it to `pnpm ops secret-set` on stdin, or type it at the prompt.',
        { command },
      );
    }
    throw new UsageError(message, { command });
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const known = isCommand(command) ? command : undefined;
  // Help is help whatever else the line says: the operator is asking how to write it.
  if (values.help) return { ...defaults('help', {}), ...(known === undefined ? {} : { helpFor: known }) };
  if (command === undefined) throw new UsageError(`Which command? One of: ${COMMANDS.join(', ')}.`);
  if (known === undefined) {
    throw new UsageError(`Unknown command "${command}". Commands: ${COMMANDS.join(', ')}.`);
  }
  if (rest.length > 0) {
    throw new UsageError(
      known === 'secret-set'
        ? 'secret-set takes no arguments: the key is read from stdin or a prompt, never from the command line.'
        : `Unexpected argument "${rest[0]}".`,
      { command: known },
    );
  }
  for (const [option, owner] of Object.entries(COMMAND_OPTIONS)) {
    if (values[option as keyof typeof values] !== undefined && owner !== known) {
      throw new UsageError(`--${option} is an option of ${owner}, not of ${known}.`, { command: known });
    }
  }
  if (known === 'verify' && (values.env === undefined || values['secret-arn'] !== undefined)) {
    throw new UsageError(
      'verify needs --env <name> [--plugin <name>]: the stack of the plugin in that environment gives its ' +
        'Function URL and function, and the environment its declared subscriptions (--secret-arn does not apply).',
      { command: 'verify' },
    );
  }
  if (values.env === undefined && values['secret-arn'] === undefined && values.stack === undefined) {
    throw new UsageError(
      'Say which environment: --env <name> [--plugin <name>] (or --stack <name>, or --secret-arn <arn>).',
      {
        command: known,
      },
    );
  }
  return defaults(known, values);
}

function defaults(
  command: CommandName | 'help',
  values: Record<string, string | boolean | undefined>,
): OpsArgs {
  const text = (name: string) => {
    const value = values[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const seconds = (name: string, fallback: number) => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) {
      throw new UsageError(`--${name} must be a positive number of seconds`, { command: 'rotate' });
    }
    return value;
  };
  const optional = <K extends string>(key: K, value: string | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;
  return {
    command,
    ...optional('env', text('env')),
    ...optional('plugin', text('plugin')),
    ...optional('stack', text('stack')),
    ...optional('secretArn', text('secret-arn')),
    ...optional('region', text('region')),
    ...optional('biotUrl', text('biot-url')),
    ...optional('serviceUserId', text('service-user-id')),
    ...(text('user') === undefined ? {} : { user: serviceUserRole(text('user'), command) }),
    verify: values.verify === true,
    replace: values.replace === true,
    apply: values.apply === true,
    ...optional('functionUrl', text('function-url')),
    discardPending: values['discard-pending'] === true,
    timeoutSeconds: seconds('timeout', 300),
    intervalMs: seconds('interval', 2) * 1000,
  };
}

/** The service users a plugin's stack holds a secret for (infra/README.md, "BioT service users"). */
export const SERVICE_USER_ROLES = ['plugin', 'operations'] as const;
export type ServiceUserRole = (typeof SERVICE_USER_ROLES)[number];

function serviceUserRole(value: string | undefined, command: CommandName | 'help'): ServiceUserRole {
  if ((SERVICE_USER_ROLES as readonly (string | undefined)[]).includes(value))
    return value as ServiceUserRole;
  throw new UsageError(`--user must be one of ${SERVICE_USER_ROLES.join(', ')}, not "${value}".`, {
    ...(command === 'help' ? {} : { command }),
  });
}

function isCommand(value: string | undefined): value is CommandName {
  return (COMMANDS as readonly (string | undefined)[]).includes(value);
}
