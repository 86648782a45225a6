import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHookName } from '../../src/cli/hook-name.js';
import { UsageError } from '../../src/errors.js';
import { readDevSession, removeDevSession, writeDevSession } from '../../src/local/dev-session.js';

describe('hook names on the command line', () => {
  it.each(['notification', 'preRequest', 'postRequest', 'adaptEntity', 'scheduled'])(
    'reads %s as itself',
    (name) => {
      expect(parseHookName(name)).toBe(name);
    },
  );

  it.each([
    ['pre', 'preRequest'],
    ['post', 'postRequest'],
    ['adapt-entity', 'adaptEntity'],
    ['INTERCEPTOR_POST_ENTITY', 'adaptEntity'],
    ['PRE_REQUEST', 'preRequest'],
    ['NONSPECIFIC', 'scheduled'],
    ['notifcation', 'notification'],
    ['prerequest', 'preRequest'],
  ])('refuses %s, asking whether %s was meant', (name, meant) => {
    expect(() => parseHookName(name)).toThrow(
      new UsageError(
        `Unknown hook "${name}"; did you mean ${meant}? ` +
          'The hooks are: notification, preRequest, postRequest, adaptEntity, scheduled.',
      ),
    );
  });

  it('refuses a name like no hook with the list alone', () => {
    expect(() => parseHookName('telepathy')).toThrow(
      'Unknown hook "telepathy". The hooks are: notification, preRequest, postRequest, adaptEntity, scheduled.',
    );
  });

  it('asks for a hook when none is named', () => {
    expect(() => parseHookName(undefined)).toThrow(UsageError);
  });
});

describe('the dev session file', () => {
  const session = {
    plugins: [{ name: 'patient-desk', url: 'http://127.0.0.1:3000', dir: '/plugins/patient-desk' }],
    emulatorUrl: 'http://127.0.0.1:3001',
    biotUrl: 'http://127.0.0.1:3001',
    build: 'source' as const,
    startedAt: new Date().toISOString(),
  };

  it('is read back while its process runs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'biot-session-'));
    const file = join(dir, 'nested', 'dev-session.json');

    await writeDevSession({ ...session, pid: process.pid }, file);

    expect(await readDevSession(file)).toMatchObject({ plugins: [{ url: 'http://127.0.0.1:3000' }] });
    await rm(dir, { recursive: true, force: true });
  });

  it('counts as no session once its process has ended', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'biot-session-'));
    const file = join(dir, 'dev-session.json');

    await writeDevSession({ ...session, pid: 2 ** 22 + 1 }, file);

    expect(await readDevSession(file)).toBeUndefined();
    await rm(dir, { recursive: true, force: true });
  });

  it('is left alone on exit when another session has replaced it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'biot-session-'));
    const file = join(dir, 'dev-session.json');
    await writeDevSession({ ...session, pid: process.pid }, file);

    await removeDevSession(file, process.pid + 1);

    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid });
    await rm(dir, { recursive: true, force: true });
  });
});
