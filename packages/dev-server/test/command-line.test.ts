import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEventTypeName } from '../src/cli/event-type-name.js';
import { UsageError } from '../src/errors.js';
import { readDevSession, removeDevSession, writeDevSession } from '../src/local/dev-session.js';

describe('event type names on the command line', () => {
  it.each([
    ['notification', 'NOTIFICATION'],
    ['pre', 'INTERCEPTOR_PRE'],
    ['post', 'INTERCEPTOR_POST'],
    ['adapt-entity', 'INTERCEPTOR_POST_ENTITY'],
    ['ADAPT_ENTITY', 'INTERCEPTOR_POST_ENTITY'],
    ['nonspecific', 'NONSPECIFIC'],
    ['scheduled', 'NONSPECIFIC'],
    ['INTERCEPTOR_POST_ENTITY', 'INTERCEPTOR_POST_ENTITY'],
    ['interceptor-pre', 'INTERCEPTOR_PRE'],
  ])('reads %s as %s', (name, type) => {
    expect(parseEventTypeName(name)).toBe(type);
  });

  it('refuses a name that is no event type', () => {
    expect(() => parseEventTypeName('PRE_REQUEST')).toThrow(UsageError);
  });
});

describe('the dev session file', () => {
  const session = {
    pluginUrl: 'http://127.0.0.1:3000',
    emulatorUrl: 'http://127.0.0.1:3001',
    biotUrl: 'http://127.0.0.1:3001',
    build: 'source' as const,
    startedAt: new Date().toISOString(),
  };

  it('is read back while its process runs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'biot-session-'));
    const file = join(dir, 'nested', 'dev-session.json');

    await writeDevSession({ ...session, pid: process.pid }, file);

    expect(await readDevSession(file)).toMatchObject({ pluginUrl: 'http://127.0.0.1:3000' });
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
