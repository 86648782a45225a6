import { describe, expect, it } from 'vitest';
import { parseOpsArgs } from '../../src/args.js';
import { UsageError } from '../../src/errors.js';
import { parseKeyInput } from '../../src/input/key-input.js';
import { stackNameFor } from '../../src/target/stack-name.js';

describe('the ops command line', () => {
  it('reads a command with its environment and options', () => {
    expect(parseOpsArgs(['rotate', '--env', 'prod', '--timeout', '60', '--interval', '0.5'])).toMatchObject({
      command: 'rotate',
      env: 'prod',
      app: 'biot-plugin',
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
    [['secret-status', '--env', 'dev', '--colour'], "Unknown option '--colour'"],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseOpsArgs(argv)).toThrow(UsageError);
    expect(() => parseOpsArgs(argv)).toThrow(message);
  });

  it('names the stack as infra/lib/plugin-app.ts does', () => {
    expect(stackNameFor('prod', 'biot-plugin')).toBe('biot-plugin-prod');
  });
});

describe('the key given to secret-set', () => {
  it('is JSON {keyId, secretKey} or two lines', () => {
    const key = { keyId: 'k-1', secretKey: 's3cr3t' };

    expect(parseKeyInput(JSON.stringify(key))).toEqual(key);
    expect(parseKeyInput('\n k-1 \r\n s3cr3t \n')).toEqual(key);
  });

  it.each([
    ['', 'no key was given'],
    ['{"keyId": "k-1"}', 'The secret key is empty'],
    ['{"keyId": "NOT_SET", "secretKey": "x"}', 'is not a BioT key id'],
    ['only-one-line', 'Expected two lines'],
    ['{not json', 'does not parse'],
  ])('refuses %j without quoting it', (input, message) => {
    expect(() => parseKeyInput(input)).toThrow(message);
  });
});
