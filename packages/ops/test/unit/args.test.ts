import { describe, expect, it } from 'vitest';
import { parseOpsArgs } from '../../src/args.js';
import { UsageError } from '../../src/errors.js';
import { parseKeyInput } from '../../src/input/key-input.js';
import { COMMANDS, commandUsage, USAGE } from '../../src/usage.js';

describe('the ops command line', () => {
  it('reads the same with the `--` that `pnpm ops -- <command>` passes through', () => {
    expect(parseOpsArgs(['--', 'rotate', '--env', 'prod', '--plugin', 'example'])).toEqual(
      parseOpsArgs(['rotate', '--env', 'prod', '--plugin', 'example']),
    );
  });

  it('reads a command with its environment, plugin and options', () => {
    expect(
      parseOpsArgs([
        'rotate',
        '--env',
        'prod',
        '--plugin',
        'device-stamp',
        '--timeout',
        '60',
        '--interval',
        '0.5',
      ]),
    ).toMatchObject({
      command: 'rotate',
      env: 'prod',
      plugin: 'device-stamp',
      timeoutSeconds: 60,
      intervalMs: 500,
    });
  });

  it.each([
    [[], 'Which command?'],
    [['deploy', '--env', 'dev'], 'Unknown command "deploy"'],
    [['rotate'], 'Say which environment'],
    [['rotate', '--env', 'dev', '--verify'], '--verify is an option of secret-set, not of rotate'],
    [['rotate', '--env', 'dev', '--timeout', 'soon'], '--timeout must be a positive number'],
    [['secret-status', '--env', 'dev', '--colour'], 'Unknown option --colour'],
    [['secret-status', '--env', 'dev', '--app', 'biot-plugin'], 'Unknown option --app'],
    [['rotate', '--evn', 'dev'], 'Unknown option --evn. Did you mean --env?'],
    [['rotate', '--secret-arnn', 'arn'], 'Did you mean --secret-arn?'],
    [
      ['secret-set', '--env', 'dev', '--secret-key', 'x'],
      'The secret key is never taken from the command line',
    ],
    [['secret-set', '--env', 'dev', '--secret', 'x'], 'The secret key is never taken from the command line'],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseOpsArgs(argv)).toThrow(UsageError);
    expect(() => parseOpsArgs(argv)).toThrow(message);
  });

  it('names the command of a usage error, so that its own help is shown', () => {
    expect(() => parseOpsArgs(['rotate', '--env', 'dev', '--apply'])).toThrow(
      expect.objectContaining({ command: 'rotate' }),
    );
  });

  it('reads --help after a command as a request for that command’s help', () => {
    expect(parseOpsArgs(['rotate', '--help'])).toMatchObject({ command: 'help', helpFor: 'rotate' });
    expect(parseOpsArgs(['secret-set', '-h', '--env', 'dev'])).toMatchObject({
      command: 'help',
      helpFor: 'secret-set',
    });
    expect(parseOpsArgs(['--help'])).toEqual(expect.not.objectContaining({ helpFor: expect.anything() }));
  });
});

describe('the help', () => {
  it('lists every command in the global help', () => {
    for (const command of COMMANDS) expect(USAGE).toContain(`  ${command} `);
  });

  it("gives each command its own usage line and its own options, not another command's", () => {
    const rotate = commandUsage('rotate');

    expect(rotate).toMatch(/^Usage: pnpm ops rotate --env <name> \[--plugin <name>\] \[--discard-pending\]/);
    expect(rotate).toContain('--timeout <seconds>');
    expect(rotate).toContain('--plugin <name>');
    expect(rotate).not.toContain('--verify');
    expect(rotate).not.toContain('--apply');
  });
});

describe('the key given to secret-set', () => {
  it('is JSON {keyId, secretKey} or two lines', () => {
    const key = { keyId: 'k-1', secretKey: 's3cr3t' };

    expect(parseKeyInput(JSON.stringify(key))).toEqual(key);
    expect(parseKeyInput('\n k-1 \r\n s3cr3t \n')).toEqual(key);
  });

  it("is BioT's answer to POST /ums/v2/services/{id}/secret-keys, as it came", () => {
    const answer = { id: 'k-1', creationTime: '2026-12-04T10:00:00Z', secretKey: 's3cr3t' };

    expect(parseKeyInput(JSON.stringify(answer))).toEqual({ keyId: 'k-1', secretKey: 's3cr3t' });
  });

  it("is the secretKeyData of BioT's answer to POST /ums/v2/services, not the service user's id", () => {
    const answer = {
      id: 'service-user-1',
      roleId: 'role-1',
      type: 'INTERNAL_SERVICE',
      secretKeyData: { id: 'k-1', creationTime: '2026-12-04T10:00:00Z', secretKey: 's3cr3t' },
    };

    expect(parseKeyInput(JSON.stringify(answer))).toEqual({ keyId: 'k-1', secretKey: 's3cr3t' });
  });

  it.each([
    ['', 'no key was given'],
    ['[]', 'The JSON is not an object'],
    ['{"id": "k-1", "creationTime": "2026-12-04T10:00:00Z"}', 'The secret key is empty'],
    ['{"id": "u-1", "secretKeyData": {"id": "k-1"}}', 'The secret key is empty'],
    ['{"keyId": "k-1"}', 'The secret key is empty'],
    ['{"keyId": "NOT_SET", "secretKey": "x"}', 'is not a BioT key id'],
    ['only-one-line', 'Expected two lines'],
    ['{not json', 'does not parse'],
  ])('refuses %j without quoting it', (input, message) => {
    expect(() => parseKeyInput(input)).toThrow(message);
  });
});
