import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  CommandLineError,
  commandLineArgs,
  isCommandLineError,
  parseCommandLine,
} from '../../src/cli/command-line.js';
import { REPO_ROOT } from '../../src/plugin-packages.js';

const run = promisify(execFile);

describe('a command line', () => {
  it('means the same with or without the `--` pnpm passes through', () => {
    expect(commandLineArgs(['--', '--plugin', 'x'])).toEqual(['--plugin', 'x']);
    expect(commandLineArgs(['--plugin', 'x'])).toEqual(['--plugin', 'x']);
    expect(commandLineArgs(['--plugin', '--', 'x'])).toEqual(['--plugin', '--', 'x']);
  });

  it('tells refused command lines from other errors', () => {
    expect(isCommandLineError(new CommandLineError('x', 'ERR_PARSE_ARGS_UNKNOWN_OPTION'))).toBe(true);
    expect(
      isCommandLineError(Object.assign(new TypeError('x'), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' })),
    ).toBe(true);
    expect(isCommandLineError(new Error('x'))).toBe(false);
    expect(isCommandLineError(undefined)).toBe(false);
  });

  it('lets `pnpm build -- --help` print the usage, as `pnpm build --help` does', async () => {
    const { stdout } = await run('pnpm', ['build', '--', '--help'], { cwd: REPO_ROOT });
    expect(stdout).toContain('Usage: pnpm build [-- --plugin <name>]');
  });
});

describe('a refused command line', () => {
  const OPTIONS = {
    plugin: { type: 'string' },
    serve: { type: 'boolean' },
    env: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  const refusal = (args: string[]) => {
    try {
      parseCommandLine({ args, options: OPTIONS });
    } catch (error) {
      return error;
    }
    throw new Error(`${args.join(' ')} was accepted`);
  };

  it.each([
    [['--serv'], 'Unknown option --serv. Did you mean --serve?'],
    [['--', '--serv'], 'Unknown option --serv. Did you mean --serve?'],
    [['--evn', 'dev'], 'Unknown option --evn. Did you mean --env?'],
    [['--plugn', 'x'], 'Unknown option --plugn. Did you mean --plugin?'],
    [['--Serve'], 'Unknown option --Serve. Did you mean --serve?'],
    [['--serv=1'], 'Unknown option --serv. Did you mean --serve?'],
    [['--frobnicate'], 'Unknown option --frobnicate. The options: --plugin, --serve, --env, --help.'],
    [['--plugin'], 'Option --plugin needs a value: --plugin <value>.'],
    [['--serve=yes'], 'Option --serve takes no value.'],
    [['stray'], 'Unexpected argument "stray": this command takes options only.'],
  ])('answers %j with %j', (args, message) => {
    const error = refusal(args);

    expect(error).toBeInstanceOf(CommandLineError);
    expect((error as Error).message).toBe(message);
    expect(isCommandLineError(error)).toBe(true);
  });

  it('accepts what it knows, as parseArgs does', () => {
    expect(parseCommandLine({ args: ['--', '--serve', '--plugin', 'x'], options: OPTIONS }).values).toEqual({
      serve: true,
      plugin: 'x',
    });
  });
});

describe('every command a user types', () => {
  // The repository's scripts (package.json), each with an option misspelled as users misspell them.
  it.concurrent.each([
    [['start', '--serv'], 'Unknown option --serv. Did you mean --serve?', 'Usage: pnpm start'],
    [['start', '--', '--serv'], 'Unknown option --serv. Did you mean --serve?', 'Usage: pnpm start'],
    [['invoke', '--plugn', 'x', 'notification'], 'Did you mean --plugin?', 'Usage: pnpm invoke'],
    [
      ['ops', 'rotate', '--evn', 'dev'],
      'Unknown option --evn. Did you mean --env?',
      'Usage: pnpm ops rotate',
    ],
    [['build', '--plugn', 'x'], 'Did you mean --plugin?', 'Usage: pnpm build'],
    [['zip', '--hlep'], 'Unknown option --hlep. Did you mean --help?', 'Usage: pnpm zip'],
    [['new-plugin', 'x', '--hook', 'scheduled'], 'Did you mean --hooks?', 'Usage: pnpm new-plugin'],
    [['bench', '--hepl'], 'Did you mean --help?', 'Usage: pnpm bench'],
    [['load', '--help=1'], 'Option --help takes no value.', 'Usage: pnpm load'],
  ])(
    'pnpm %j answers with the option meant, the usage and exit code 2',
    async (args, message, usage) => {
      const answer = await run('pnpm', ['--silent', ...args], { cwd: REPO_ROOT }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );

      expect(answer.code).toBe(2);
      expect(answer.stderr).toContain(message);
      expect(answer.stderr).toContain(usage);
      expect(answer.stderr).not.toContain("place it at the end of the command after '--'");
    },
    30_000,
  );

  it.concurrent.each([['bench'], ['load'], ['zip'], ['build']])(
    'pnpm %s --help prints its usage and does nothing else',
    async (command) => {
      const { stdout, stderr } = await run('pnpm', ['--silent', command, '--help'], { cwd: REPO_ROOT });

      expect(stdout).toMatch(new RegExp(`^Usage: pnpm ${command}`));
      expect(stdout).not.toMatch(/built|wrote|bundling/);
      expect(stderr).toBe('');
    },
    30_000,
  );
});
