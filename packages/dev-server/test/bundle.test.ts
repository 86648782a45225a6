import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BiotEmulator } from '@biot-plugin/biot-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgeEventToken } from '../src/demo/forged-token.js';
import { ensureRuntimeBundle, runtimeEntry } from '../src/handler/runtime-entry.js';
import { type LocalStack, startLocalStack } from '../src/local/local-stack.js';
import { silentLog } from '../src/server/dev-server-log.js';

// The bundle a deployment runs, served and called exactly as the source is.
describe('the production bundle behind the dev server', () => {
  let stack: LocalStack;
  let emulator: BiotEmulator;

  beforeAll(async () => {
    await ensureRuntimeBundle();
    stack = await startLocalStack({ build: 'bundle', logLevel: 'SILENT', log: silentLog });
    emulator = stack.emulator as BiotEmulator;
  });
  afterAll(() => stack?.close());

  it('is what the dev server imports', () => {
    expect(stack.handlerModule).toBe(runtimeEntry().bundle);
    expect(stack.handlerModule).toMatch(/packages\/runtime\/dist\/index\.mjs$/);
  });

  it('answers a notification after reading the patient through BioT', async () => {
    const answer = await emulator.sendEvent(stack.devServer.url, 'NOTIFICATION');

    expect(answer.status).toBe(200);
    expect(emulator.requests.map((entry) => entry.route)).toContain(
      'GET /organization/v1/users/patients/{id}',
    );
  });

  it('answers an ADAPT_ENTITY interceptor with the national ids masked', async () => {
    const answer = await emulator.sendEvent(stack.devServer.url, 'INTERCEPTOR_POST_ENTITY');

    expect(answer.status).toBe(200);
    expect(answer.body).toContain('"_nationalId":"******2352"');
  });

  it('refuses a forged token with 401 JWT_INVALID', async () => {
    const answer = await emulator.sendEvent(stack.devServer.url, 'NOTIFICATION', {
      token: await forgeEventToken(['ACTION_NOTIFICATION']),
    });

    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject({ code: 'JWT_INVALID' });
  });

  it('leaves a bundle alone when it is newer than every source file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'biot-bundle-'));
    const entry = {
      source: join(dir, 'src', 'index.ts'),
      sourceDir: join(dir, 'src'),
      bundle: join(dir, 'dist', 'index.mjs'),
      bundleDir: join(dir, 'dist'),
    };
    await mkdir(entry.sourceDir);
    await mkdir(entry.bundleDir);
    await writeFile(entry.source, 'export const handler = () => 1;');
    await writeFile(entry.bundle, 'export const handler = () => 1;');
    const later = new Date(Date.now() + 60_000);
    await utimes(entry.bundle, later, later);

    expect(await ensureRuntimeBundle(entry)).toBe(false);
    await rm(dir, { recursive: true, force: true });
  });
});
