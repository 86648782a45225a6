import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, it } from 'vitest';

/**
 * moto_server as a real Secrets Manager (and CloudFormation, Lambda, IAM) peer on 127.0.0.1, for
 * the rotation and ops tests. One moto process per test file; `reset()` empties it between tests.
 */
export interface MotoServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly region: string;
  /** SDK client configuration pointing at this server: endpoint, region, dummy credentials. */
  clientConfig(endpoint?: string): {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  /** The same as environment variables, for code that builds its own clients (runtime, CLI). */
  env(endpoint?: string): Record<string, string>;
  /** Forgets every resource (POST /moto-api/reset). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export const MOTO_COMMAND = 'moto_server';

// The SDK warns once per process that its 2027 releases will need Node 22; in test output that is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const MOTO_MISSING_MESSAGE =
  `${MOTO_COMMAND} is not on PATH, so the tests against Secrets Manager cannot run. ` +
  'Install it with `pip install "moto[server]"` (Python 3); with CI=true its absence fails the run.';

const REGION = 'eu-central-1';
const STARTUP_TIMEOUT_MS = 20_000;

/** Whether moto_server can be found on PATH (checked without running it). */
export function motoOnPath(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.PATH ?? '').split(path.delimiter).some((dir) => {
    if (dir === '') return false;
    try {
      accessSync(path.join(dir, MOTO_COMMAND), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export const MOTO_AVAILABLE = motoOnPath();

/**
 * `describe` for tests that need moto. Without moto_server on PATH the suite is reported as one
 * skipped test whose name says why and how to fix it; under CI=true it is a failing test instead,
 * so CI can never pass by silently skipping the Secrets Manager tests.
 */
export function describeWithMoto(title: string, body: () => void): void {
  if (MOTO_AVAILABLE) {
    describe(title, body);
    return;
  }
  describe(title, () => {
    if (process.env.CI === 'true') {
      it('needs moto_server on PATH', () => {
        throw new Error(MOTO_MISSING_MESSAGE);
      });
    } else {
      // The default reporter prints no names of skipped tests, so say it on stderr as well.
      console.warn(`Skipping "${title}": ${MOTO_MISSING_MESSAGE}`);
      it.skip(`skipped: ${MOTO_MISSING_MESSAGE}`, () => {});
    }
  });
}

/** Starts moto_server on 127.0.0.1 on a free port and resolves once it answers. */
export async function startMoto(): Promise<MotoServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await startOnce(await freePort());
    } catch (error) {
      // Another process may have taken the port between probing and binding; try another.
      lastError = error;
    }
  }
  throw lastError;
}

async function startOnce(port: number): Promise<MotoServer> {
  const child = spawn(MOTO_COMMAND, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
    // Its own process group, so stopping it also stops whatever a wrapper (a pyenv shim) started.
    detached: true,
  });
  const killOnExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(url, child, () => stderr);
  } catch (error) {
    process.off('exit', killOnExit);
    await stop(child);
    throw error;
  }
  const clientConfig = (endpoint = url) => ({
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  return {
    url,
    region: REGION,
    clientConfig,
    env: (endpoint = url) => ({
      AWS_ENDPOINT_URL: url,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    }),
    async reset() {
      const answer = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
      if (!answer.ok) throw new Error(`moto reset answered ${answer.status}`);
    },
    async close() {
      process.off('exit', killOnExit);
      await stop(child);
    },
  };
}

async function waitUntilAnswering(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `moto_server exited (${child.exitCode ?? child.signalCode}) before answering:\n${stderr()}`,
      );
    }
    try {
      await fetch(`${url}/moto-api/data.json`, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`moto_server did not answer on ${url} within ${STARTUP_TIMEOUT_MS} ms:\n${stderr()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    signalGroup(child, 'SIGTERM');
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
