import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFiles, bundlePlugin } from '../../src/bundle/build.js';

/**
 * What a cold start of a deployed bundle loads before its first request: every module it loads
 * is paid for inside a BioT API call (interceptors) at each scale-out. Built-ins that only a rare
 * path needs (the shared repeat check's JMESPath, a logged error's source map) must not be loaded
 * by the import; nor undici, which a `node:http` ESM facade drags in on Node 22.
 */
describe("a plugin bundle's cold start", () => {
  let dir: string | undefined;
  let loaded: string[] = [];
  let outfile = '';

  beforeAll(async () => {
    // Under this package's node_modules, so the bundle's external @aws-sdk/* resolve as in Lambda.
    dir = await mkdtemp(join(fileURLToPath(new URL('../../node_modules/', import.meta.url)), '.cold-test-'));
    const entry = join(dir, 'handler.ts');
    await writeFile(
      entry,
      [
        "import { definePlugin, lambdaHandler } from '@biot-plugin/runtime';",
        "const plugin = definePlugin({ name: 'cold-test', hooks: { notification: async (_event, { biot }) => { await biot.getEntity('/organization/v1/users/patients', 'p1'); } },",
        "  subscriptions: { notifications: [{ entityTypeName: 'patient', actionName: '_create' }] } });",
        'export const handler = lambdaHandler(plugin);',
      ].join('\n'),
    );
    ({ outfile } = await bundlePlugin(entry, join(dir, 'dist', 'index.mjs')));
    // A fresh process, as Lambda's container: the bundle is imported as deployed (Lambda's
    // variables, so the X-Ray segment writer and metrics are configured) and nothing else runs.
    // A file, not `--eval`: Node's loader for an evaluated module loads fs/promises itself.
    const probe = join(dir, 'probe.mjs');
    await writeFile(
      probe,
      [
        'const before = new Set(process.moduleLoadList);',
        `await import(${JSON.stringify(outfile)});`,
        'console.log(JSON.stringify(process.moduleLoadList.filter((name) => !before.has(name))));',
      ].join('\n'),
    );
    const output = execFileSync(process.execPath, [probe], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        AWS_LAMBDA_FUNCTION_NAME: 'cold-test',
        AWS_REGION: 'us-east-1',
        LAMBDA_TASK_ROOT: '/var/task',
        BIOT_BASE_URL: 'https://api.example.biot-med.com',
        BIOT_SERVICE_USER_ID: '00000000-0000-4000-8000-000000000001',
        BIOT_SERVICE_USER_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:cold-test',
      },
    });
    loaded = JSON.parse(output) as string[];
  }, 60_000);
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('loads what the first request needs: HTTP, TLS and crypto', () => {
    expect(loaded).toEqual(
      expect.arrayContaining(['NativeModule http', 'NativeModule https', 'NativeModule crypto']),
    );
  });

  it('leaves zlib to the shared repeat check, which loads it when it is first used', () => {
    expect(loaded).not.toContain('NativeModule zlib');
  });

  it('reads no file asynchronously: fs/promises and readline stay unloaded', () => {
    expect(loaded).not.toContain('NativeModule internal/fs/promises');
    expect(loaded).not.toContain('NativeModule internal/readline/interface');
  });

  it('leaves the shared repeat check and the Secrets Manager request signer to chunks it does not read', async () => {
    const atImport = await staticallyImported(outfile);
    const everything = await Promise.all(
      (await bundleFiles(dirname(outfile)))
        .filter((file) => file.endsWith('.mjs'))
        .map((file) => join(dirname(outfile), file)),
    );
    const text = async (files: string[]) =>
      (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');

    // Strings that minifying keeps: Powertools Idempotency's error name, SigV4's algorithm.
    for (const marker of ['IdempotencyItemAlreadyExistsError', 'AWS4-HMAC-SHA256']) {
      expect(await text(everything)).toContain(marker);
      expect(await text(atImport)).not.toContain(marker);
    }
  });

  it('does not load undici: BioT is called over node:http(s), not fetch', () => {
    expect(loaded.filter((name) => name.includes('undici'))).toEqual([]);
  });
});

/** The entry and every chunk it imports statically (`import "./x.mjs"`, not `import("./x.mjs")`). */
async function staticallyImported(entry: string, seen = new Set<string>()): Promise<string[]> {
  if (seen.has(entry)) return [...seen];
  seen.add(entry);
  for (const [, path] of (await readFile(entry, 'utf8')).matchAll(
    /(?:from|import)\s*"(\.{1,2}\/[^"]+\.mjs)"/g,
  )) {
    if (path !== undefined) await staticallyImported(join(dirname(entry), path), seen);
  }
  return [...seen];
}
