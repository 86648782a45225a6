import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { commandLineArgs, isCommandLineError } from '../../src/cli/command-line.js';
import { REPO_ROOT } from '../../src/plugin-packages.js';

const run = promisify(execFile);

describe('a command line', () => {
  it('means the same with or without the `--` pnpm passes through', () => {
    expect(commandLineArgs(['--', '--plugin', 'x'])).toEqual(['--plugin', 'x']);
    expect(commandLineArgs(['--plugin', 'x'])).toEqual(['--plugin', 'x']);
    expect(commandLineArgs(['--plugin', '--', 'x'])).toEqual(['--plugin', '--', 'x']);
  });

  it('tells parseArgs’ refusals from other errors', () => {
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
