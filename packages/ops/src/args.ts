import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

export const COMMANDS = ['secret-set', 'rotate', 'secret-status', 'subscriptions'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface OpsArgs {
  command: CommandName | 'help';
  env?: string;
  app: string;
  stack?: string;
  secretArn?: string;
  region?: string;
  biotUrl?: string;
  serviceUserId?: string;
  verify: boolean;
  replace: boolean;
  apply: boolean;
  functionUrl?: string;
  discardPending: boolean;
  timeoutSeconds: number;
  intervalMs: number;
}

export const USAGE = `Usage: pnpm ops <command> --env <name> [options]

Commands
  secret-set      First-time setup: store the service user's BioT key in the plugin's secret.
                  Reads {"keyId","secretKey"} (or two lines: key id, then secret) from stdin,
                  or prompts on a terminal without echoing the secret. Never from the command line.
  rotate          Rotate the key now and follow the rotation until it finished or failed.
  secret-status   Versions and stages, rotation schedule, last/next rotation, BioT key ids.
  subscriptions   The subscriptions declared for the environment (infra/config/environments.ts)
                  beside what BioT has for the plugin's Function URL, drift marked.

Where
  --env <name>              The environment; its stack is <app>-<env> (infra/lib/plugin-app.ts).
  --app <name>              The app name in infra/config/environments.ts (default biot-plugin).
  --stack <name>            The stack name, when it is not <app>-<env>.
  --secret-arn <arn>        Use this secret instead of the stack's SecretArn output.
  --region <region>         AWS region (default: AWS_REGION or your profile's region).
  --biot-url <url>          BioT API (default: BIOT_BASE_URL of the stack's plugin function).
  --service-user-id <id>    The plugin's service user (default: the function's BIOT_SERVICE_USER_ID).

Options
  --verify                  secret-set: log in to BioT with the key before storing it.
  --replace                 secret-set: overwrite a key that is already set.
  --apply                   subscriptions: make BioT match the declared set (the deploy's own code).
  --function-url <url>      subscriptions: the plugin's URL instead of the stack's FunctionUrl output.
  --discard-pending         rotate: first clear the AWSPENDING version a failed rotation left.
  --timeout <seconds>       rotate: how long to follow the rotation (default 300).
  --interval <seconds>      rotate: time between polls (default 2).
  -h, --help                This text.

AWS credentials come from the standard chain (AWS_PROFILE, SSO, environment, instance role).
Exit codes: 0 done, 1 failed or needs attention, 2 wrong usage (subscriptions: 2 also means drift).`;

const OPTIONS = {
  env: { type: 'string' },
  app: { type: 'string' },
  stack: { type: 'string' },
  'secret-arn': { type: 'string' },
  region: { type: 'string' },
  'biot-url': { type: 'string' },
  'service-user-id': { type: 'string' },
  verify: { type: 'boolean' },
  replace: { type: 'boolean' },
  apply: { type: 'boolean' },
  'function-url': { type: 'string' },
  'discard-pending': { type: 'boolean' },
  timeout: { type: 'string' },
  interval: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Options that belong to one command only. */
const COMMAND_OPTIONS: Record<string, CommandName> = {
  verify: 'secret-set',
  replace: 'secret-set',
  apply: 'subscriptions',
  'function-url': 'subscriptions',
  'discard-pending': 'rotate',
  timeout: 'rotate',
  interval: 'rotate',
};

export function parseOpsArgs(argv: readonly string[]): OpsArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/secret|key/i.test(message) && /unknown option/i.test(message)) {
      throw new UsageError(
        'The secret key is never taken from the command line (it would stay in your shell history and ' +
          'in the process list): pipe it to `pnpm ops secret-set` on stdin, or type it at the prompt.',
      );
    }
    throw new UsageError(message);
  }
  const { values, positionals } = parsed;
  if (values.help) return defaults('help', values);
  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError(`Which command? One of: ${COMMANDS.join(', ')}.`);
  if (!(COMMANDS as readonly string[]).includes(command as string)) {
    throw new UsageError(`Unknown command "${command}". Commands: ${COMMANDS.join(', ')}.`);
  }
  if (rest.length > 0) {
    throw new UsageError(
      command === 'secret-set'
        ? 'secret-set takes no arguments: the key is read from stdin or a prompt, never from the command line.'
        : `Unexpected argument "${rest[0]}".`,
    );
  }
  for (const [option, owner] of Object.entries(COMMAND_OPTIONS)) {
    if (values[option as keyof typeof values] !== undefined && owner !== command) {
      throw new UsageError(`--${option} is an option of ${owner}, not of ${command}.`);
    }
  }
  if (values.env === undefined && values['secret-arn'] === undefined && values.stack === undefined) {
    throw new UsageError('Say which environment: --env <name> (or --stack <name>, or --secret-arn <arn>).');
  }
  return defaults(command as CommandName, values);
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
    if (!Number.isFinite(value) || value <= 0)
      throw new UsageError(`--${name} must be a positive number of seconds`);
    return value;
  };
  const optional = <K extends string>(key: K, value: string | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;
  return {
    command,
    ...optional('env', text('env')),
    app: text('app') ?? 'biot-plugin',
    ...optional('stack', text('stack')),
    ...optional('secretArn', text('secret-arn')),
    ...optional('region', text('region')),
    ...optional('biotUrl', text('biot-url')),
    ...optional('serviceUserId', text('service-user-id')),
    verify: values.verify === true,
    replace: values.replace === true,
    apply: values.apply === true,
    ...optional('functionUrl', text('function-url')),
    discardPending: values['discard-pending'] === true,
    timeoutSeconds: seconds('timeout', 300),
    intervalMs: seconds('interval', 2) * 1000,
  };
}
