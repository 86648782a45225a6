/**
 * The help of `pnpm ops`, described once per command: `pnpm ops --help` lists the commands, and
 * `pnpm ops <command> --help` prints one command's text. The options a command's help lists are
 * the options only that command takes (args.ts refuses them on any other).
 */

export const COMMANDS = ['secret-set', 'rotate', 'secret-status', 'subscriptions', 'verify'] as const;
export type CommandName = (typeof COMMANDS)[number];

interface CommandHelp {
  /** What follows `pnpm ops <command> <target>`. */
  readonly synopsis: string;
  /** The line beside the command in `pnpm ops --help`. */
  readonly summary: readonly string[];
  /** What `pnpm ops <command> --help` says beyond the summary. */
  readonly description: readonly string[];
  /** `[flag, what it does]`: options of this command only. */
  readonly options: readonly (readonly [string, string])[];
}

export const COMMAND_HELP: Readonly<Record<CommandName, CommandHelp>> = {
  'secret-set': {
    synopsis: '[--verify] [--replace] < key.json',
    summary: [
      "First-time setup: store the service user's BioT key in the plugin's secret.",
      'Reads {"keyId","secretKey"} (or two lines: key id, then secret) from stdin,',
      'or prompts on a terminal without echoing the secret. Never from the command line.',
    ],
    description: [
      'The stack creates the secret with a placeholder; this puts the first real key there, as',
      'AWSCURRENT. It refuses to overwrite a key that is set (rotate instead) unless --replace.',
    ],
    options: [
      ['--verify', 'Log in to BioT with the key, and check BioT lists it, before storing it.'],
      ['--replace', 'Overwrite a key that is already set (it becomes AWSPREVIOUS).'],
    ],
  },
  rotate: {
    synopsis: '[--discard-pending] [--timeout <seconds>] [--interval <seconds>]',
    summary: ['Rotate the key now and follow the rotation until it finished or failed.'],
    description: [
      'Calls RotateSecret and follows the rotation function step by step. The old key stays',
      'valid as AWSPREVIOUS until the next rotation, so no plugin call fails.',
    ],
    options: [
      ['--discard-pending', 'First clear the AWSPENDING version a failed rotation left.'],
      ['--timeout <seconds>', 'How long to follow the rotation (default 300).'],
      ['--interval <seconds>', 'Time between polls (default 2).'],
    ],
  },
  'secret-status': {
    synopsis: '',
    summary: ['Versions and stages, rotation schedule, last/next rotation, BioT key ids.'],
    description: [
      'Ends with "All well." (exit 0) or a "Needs attention" list with the command to run for',
      'each item (exit 1), so it also serves as a check in scripts.',
    ],
    options: [],
  },
  subscriptions: {
    synopsis: '[--apply] [--function-url <url>]',
    summary: [
      "The subscriptions the plugin's stack declares (its definition, or the environment's",
      "override) beside what BioT has for the plugin's Function URL, drift marked.",
    ],
    description: [
      'Exit 0 in sync, 2 drift (without --apply, so a pipeline can check for drift), 1 failure.',
      'Needs --env: the declared set is the plugin in that environment.',
    ],
    options: [
      ['--apply', "Make BioT match the declared set (the deploy's own reconciliation code)."],
      ['--function-url <url>', "The plugin's URL instead of the stack's FunctionUrl output."],
    ],
  },
  verify: {
    synopsis: '',
    summary: ['Right after `cdk deploy`: the deployed plugin works, one PASS/FAIL line per check.'],
    description: [
      "(a) The Function URL refuses a forged token (signed by a key BioT never had) with BioT's",
      '    401 JWT_INVALID body: the URL is public, the runtime starts and checks signatures.',
      '(b) A direct invocation of {"biotPluginHealthCheck": 1}: the function reads its secret,',
      "    fetches BioT's key and logs in, each step reported (never a secret, key or token).",
      "(c) The subscriptions: the declared set beside BioT's, as `pnpm ops subscriptions` shows it.",
      'Exit 0 when every check passes, 1 otherwise. Needs --env: the stack gives the URL and',
      'the function; AWS access needs lambda:InvokeFunction on the plugin function.',
    ],
    options: [],
  },
};

const TARGET_OPTIONS: readonly (readonly [string, string])[] = [
  ['--env <name>', 'The environment, as infra/config/environments.ts names it; gives the region.'],
  ['--plugin <name>', "One of the environment's plugins; its stack is <plugin>-<env>. May be omitted"],
  ['', 'when the environment deploys exactly one plugin.'],
  ['--stack <name>', 'The stack name outright, when it is not <plugin>-<env>.'],
  ['--secret-arn <arn>', "Use this secret instead of the stack's SecretArn output."],
  ['--region <region>', "AWS region (default: the environment's; else AWS_REGION or your profile's)."],
  ['--biot-url <url>', "BioT API (default: BIOT_BASE_URL of the stack's plugin function)."],
  ['--service-user-id <id>', "The plugin's service user (default: the function's BIOT_SERVICE_USER_ID)."],
  ['--user <plugin|operations>', "Whose secret: the plugin's service user (default) or its operations"],
  ['', 'user, which rotation and registration log in as (subscriptions: the default).'],
];

const TARGET = '--env <name> [--plugin <name>]';

const FOOTER = `AWS credentials come from the standard chain (AWS_PROFILE, SSO, environment, instance role).
Exit codes: 0 done, 1 failed or needs attention, 2 wrong usage (subscriptions: 2 also means drift).`;

/** `pnpm ops --help`: every command, and the options that say which plugin in which environment. */
export const USAGE = `Usage: pnpm ops <command> ${TARGET} [options]
       pnpm ops <command> --help

Commands
${COMMANDS.map((command) => column(command, COMMAND_HELP[command].summary, 16)).join('\n')}

Where
${TARGET_OPTIONS.map(([flag, text]) => column(flag, [text], 26)).join('\n')}
  -h, --help                This text; after a command, that command's help.

${FOOTER}`;

/** `pnpm ops <command> --help`. */
export function commandUsage(command: CommandName): string {
  const help = COMMAND_HELP[command];
  const options = [...help.options, ['-h, --help', 'This text.'] as const];
  return `Usage: pnpm ops ${command} ${TARGET}${help.synopsis ? ` ${help.synopsis}` : ''}

${[...help.summary, ...help.description].join('\n')}

Options
${options.map(([flag, text]) => column(flag, [text], 26)).join('\n')}

Where
${TARGET_OPTIONS.map(([flag, text]) => column(flag, [text], 26)).join('\n')}

${FOOTER}`;
}

/** `  name      first line`, the next lines under the first. */
function column(name: string, lines: readonly string[], width: number): string {
  return lines
    .map((line, index) => `  ${(index === 0 ? name : '').padEnd(width)}${line}`.trimEnd())
    .join('\n');
}
