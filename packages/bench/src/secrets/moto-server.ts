import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A local Secrets Manager (moto) on 127.0.0.1, so the runtime's secret reads are real calls. */
export interface MotoServer {
  readonly url: string;
  /** Creates a secret and answers its ARN. */
  createSecret(name: string, value: string): Promise<string>;
  close(): Promise<void>;
}

export type MotoStart = { available: true; server: MotoServer } | { available: false; reason: string };

const READY_TIMEOUT_MS = 20_000;
// moto reads the region from the credential scope; it checks no signature.
const AWS_JSON_HEADERS = {
  'content-type': 'application/x-amz-json-1.1',
  authorization:
    'AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=0',
};

/** Starts `moto_server`; `available: false` when it is not installed or does not come up. */
export async function startMotoServer(): Promise<MotoStart> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  try {
    child = await spawned('moto_server', ['-H', '127.0.0.1', '-p', String(port)]);
  } catch {
    return { available: false, reason: 'moto_server not found' };
  }
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answers(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      return { available: false, reason: 'moto_server did not start' };
    }
    await sleep(100);
  }
  return {
    available: true,
    server: {
      url,
      async createSecret(name, value) {
        const answer = await fetch(url, {
          method: 'POST',
          headers: { ...AWS_JSON_HEADERS, 'x-amz-target': 'secretsmanager.CreateSecret' },
          body: JSON.stringify({ Name: name, SecretString: value }),
        });
        const created = (await answer.json()) as { ARN?: string };
        if (!answer.ok || created.ARN === undefined) {
          throw new Error(`moto refused CreateSecret: ${answer.status} ${JSON.stringify(created)}`);
        }
        return created.ARN;
      },
      close: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    },
  };
}

function spawned(command: string, args: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.once('spawn', () => resolve(child));
    child.once('error', reject);
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
