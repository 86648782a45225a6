import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BiotEmulator } from '@biot-plugin/biot-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgeEventToken } from '../../src/demo/forged-token.js';
import { type HookEvent, pluginEvents } from '../../src/events/hook-events.js';
import { sendCall } from '../../src/events/send-call.js';
import { pluginEntry } from '../../src/handler/plugin-entry.js';
import { type LocalPlugin, type LocalStack, startLocalStack } from '../../src/local/local-stack.js';
import { fixturePlugin } from '../support/fixture-plugins.js';
import { capturingLog } from '../support/recording-handler.js';

// The bundle a deployment runs, served and called exactly as the source is.
describe('a plugin’s production bundle behind the dev server', () => {
  const pkg = fixturePlugin('patient-desk');
  const log = capturingLog();
  let stack: LocalStack;
  let emulator: BiotEmulator;
  let desk: LocalPlugin;

  const call = async (name: string) =>
    (await pluginEvents(desk.definition, emulator)).find((event) => event.name === name) as HookEvent;

  beforeAll(async () => {
    await rm(dirname(pkg.bundleFile), { recursive: true, force: true });
    stack = await startLocalStack({ plugins: [pkg], build: 'bundle', logLevel: 'SILENT', log });
    emulator = stack.emulator as BiotEmulator;
    desk = stack.plugins[0] as LocalPlugin;
  });
  afterAll(async () => {
    await stack?.close();
    await rm(dirname(pkg.bundleFile), { recursive: true, force: true });
  });

  it('is built first when there is none, and is what the dev server imports', () => {
    expect(log.lines).toContain(`patient-desk: built ${pkg.bundleFile}`);
    expect(existsSync(pkg.bundleFile)).toBe(true);
    expect(desk.handlerModule).toBe(pkg.bundleFile);
    expect(desk.handlerModule).toMatch(/fixtures\/plugins\/patient-desk\/dist\/index\.mjs$/);
  });

  it('answers a notification after reading the patient through BioT', async () => {
    const { answer } = await sendCall(
      emulator,
      desk.devServer.url,
      await call('notification patient _update'),
    );

    expect(answer.status).toBe(200);
    expect(emulator.requests.map((entry) => entry.route)).toContain(
      'GET /organization/v1/users/patients/{id}',
    );
  });

  it('answers an ADAPT_ENTITY interceptor with the entities the hook changed', async () => {
    const { answer } = await sendCall(emulator, desk.devServer.url, await call('adaptEntity patient'));

    expect(answer.status).toBe(200);
    expect(answer.body).toContain('"_email":null');
  });

  it('refuses a forged token with 401 JWT_INVALID', async () => {
    const event = await call('notification patient _update');

    const { answer } = await sendCall(emulator, desk.devServer.url, event, {
      token: await forgeEventToken(event.scopes),
    });

    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject({ code: 'JWT_INVALID' });
  });

  it('is left alone when it is newer than every source file, and watched for the next build', async () => {
    const again = capturingLog();

    const entry = await pluginEntry(pkg, 'bundle', again);

    expect(again.lines).toEqual([]);
    expect(entry).toEqual({ module: pkg.bundleFile, watchDirs: [dirname(pkg.bundleFile)] });
  });
});
