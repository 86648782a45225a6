import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HandlerLoadError } from '../../src/errors.js';
import { pluginEntry, RUNTIME_SOURCE_DIR } from '../../src/handler/plugin-entry.js';
import { type DevServer, startDevServer } from '../../src/server/dev-server.js';
import { silentLog } from '../../src/server/dev-server-log.js';
import { fixturePlugin } from '../support/fixture-plugins.js';
import { send } from '../support/http-client.js';
import { capturingLog } from '../support/recording-handler.js';

// A handler module on disk, edited while the dev server serves it, as a plugin author edits hooks.
describe('a dev server serving a handler module', () => {
  let dir: string;
  let server: DevServer | undefined;
  const log = capturingLog();

  const write = (file: string, text: string) => writeFile(join(dir, file), text);
  const greeting = async () => JSON.parse((await send(server?.url ?? '')).text) as unknown;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'biot-dev-server-'));
    await write('package.json', '{"type":"module"}');
    // The handler imports its words from another file, like index.ts imports the hooks.
    await write(
      'handler.ts',
      "import { words } from './words.js';\nexport const handler = async (): Promise<string> => words;\n",
    );
    await write('words.ts', "export const words: string = 'first';\n");
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    log.lines.length = 0;
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the module’s handler', async () => {
    server = await startDevServer({ handlerModule: join(dir, 'handler.ts'), log });

    expect(await greeting()).toBe('first');
  });

  it('picks up an edit to a file the handler imports, not only to the handler', async () => {
    server = await startDevServer({ handlerModule: join(dir, 'handler.ts'), watch: true, log });

    await write('words.ts', "export const words: string = 'second';\n");

    await vi.waitFor(async () => expect(await greeting()).toBe('second'), { timeout: 5_000, interval: 50 });
    expect(log.lines.some((line) => line.startsWith('reloaded the handler'))).toBe(true);
  });

  it('picks up an edit in any of the directories it watches', async () => {
    const other = await mkdtemp(join(tmpdir(), 'biot-dev-server-other-'));
    server = await startDevServer({ handlerModule: join(dir, 'handler.ts'), watch: [other, dir], log });

    await writeFile(join(other, 'touched.ts'), 'export {};\n');

    await vi.waitFor(
      () => expect(log.lines.some((line) => line.startsWith('reloaded the handler'))).toBe(true),
      {
        timeout: 5_000,
        interval: 50,
      },
    );
    await rm(other, { recursive: true, force: true });
  });

  it('keeps serving the previous version while an edit does not compile, then takes the fix', async () => {
    server = await startDevServer({ handlerModule: join(dir, 'handler.ts'), log });

    await write('words.ts', "export const words: string = 'broken\n");
    await server.reload();

    expect(log.lines.at(-1)).toContain('reload failed; the previous version keeps serving');
    expect(await greeting()).toBe('first');

    await write('words.ts', "export const words: string = 'fixed';\n");
    await server.reload();

    expect(await greeting()).toBe('fixed');
  });

  it('sets the environment before importing, since a handler reads it at import', async () => {
    await write(
      'handler.ts',
      'const base = process.env.BIOT_BASE_URL;\nexport const handler = () => base;\n',
    );

    server = await startDevServer({
      handlerModule: join(dir, 'handler.ts'),
      env: { BIOT_BASE_URL: 'http://127.0.0.1:9999' },
      log,
    });

    expect(await greeting()).toBe('http://127.0.0.1:9999');
  });

  it('gives two dev servers in one process each their own environment', async () => {
    await write(
      'bundle.mjs',
      'const base = process.env.BIOT_BASE_URL;\nexport const handler = () => base;\n',
    );
    const module = join(dir, 'bundle.mjs');

    const [first, second] = await Promise.all([
      startDevServer({ handlerModule: module, env: { BIOT_BASE_URL: 'http://first' }, log }),
      startDevServer({ handlerModule: module, env: { BIOT_BASE_URL: 'http://second' }, log }),
    ]);

    expect(JSON.parse((await send(first.url)).text)).toBe('http://first');
    expect(JSON.parse((await send(second.url)).text)).toBe('http://second');
    await Promise.all([first.close(), second.close()]);
  });

  it('reloads a JavaScript module, as it does the production bundle', async () => {
    await write('bundle.mjs', "export const handler = async () => 'one';\n");
    server = await startDevServer({ handlerModule: join(dir, 'bundle.mjs'), log });

    await write('bundle.mjs', "export const handler = async () => 'two';\n");
    await server.reload();

    expect(await greeting()).toBe('two');
  });

  it('refuses to start on a module that exports no handler function', async () => {
    await write('handler.ts', 'export const handle = () => 1;\n');

    await expect(startDevServer({ handlerModule: join(dir, 'handler.ts'), log })).rejects.toThrow(
      HandlerLoadError,
    );
  });
});

describe('a plugin served from source', () => {
  it('reloads on edits to its own source and to the runtime’s', async () => {
    const pkg = fixturePlugin('device-clock');

    const entry = await pluginEntry(pkg, 'source', silentLog);

    expect(entry.module).toBe(pkg.handlerFile);
    expect(entry.watchDirs).toEqual([join(pkg.dir, 'src'), RUNTIME_SOURCE_DIR]);
    expect(RUNTIME_SOURCE_DIR).toMatch(/packages\/runtime\/src$/);
  });
});
