import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PutSecretValueCommand,
  type PutSecretValueCommandInput,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { MotoServer } from '@biot-plugin/test-support/moto';
import { ROTATION_STEPS, type RotationEvent } from '../../src/rotation/rotation-step.js';
import { SecretStore, STAGE, versionWithStage } from '../../src/secrets/secret-store.js';

/**
 * The part of Secrets Manager moto cannot play here, in front of moto on 127.0.0.1. Everything is
 * forwarded to moto unchanged, except:
 *
 * - `GetSecretValue` without VersionId and VersionStage gets `VersionStage: AWSCURRENT`, which is
 *   what AWS means by it; moto answers it with the version that was current before the last stage
 *   move. A client that asks for no stage then sees what it would see on AWS.
 * - `PutSecretValue` without VersionStages (a new AWSCURRENT): after a stage move moto labels the
 *   wrong version AWSPREVIOUS and leaves two AWSCURRENT. The front stores the value unlabelled and
 *   moves AWSCURRENT to it with UpdateSecretVersionStage, which moto gets right, as AWS does it.
 * - `RotateSecret`, when a rotation function is given: moto only invokes rotation Lambdas inside its
 *   own Lambda emulation, which needs Docker. The front answers RotateSecret as AWS does (errors for
 *   an unknown secret, no rotation configured, or a rotation still pending; else the new VersionId at
 *   once) and then invokes the function's four steps in order with `{Step, SecretId,
 *   ClientRequestToken}`, stopping at the first failure, as the rotation service would.
 *   Not modelled: the empty AWSPENDING version AWS creates before createSecret, AWS's own retries
 *   of a failed rotation, and LastRotatedDate (moto keeps the one it set when rotation was configured).
 */
export interface SecretsManagerFront {
  /** The endpoint to give the SDK (`endpoint`, or AWS_ENDPOINT_URL_SECRETS_MANAGER). */
  readonly url: string;
  /** The rotations RotateSecret started, oldest first. */
  readonly rotations: readonly StartedRotation[];
  /** Resolves when every started rotation has succeeded or failed. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface StartedRotation {
  versionId: string;
  /** `succeeded`, or `failed` with the step that threw. */
  outcome: Promise<{ result: 'succeeded' } | { result: 'failed'; step: string; error: unknown }>;
}

export interface SecretsManagerFrontOptions {
  moto: MotoServer;
  /** The rotation function RotateSecret invokes; without it RotateSecret goes to moto. */
  rotationFunction?: (event: RotationEvent) => Promise<unknown>;
  /** A pause before each step, so a poller sees the stages move one by one. Default 0. */
  stepDelayMs?: number;
}

export async function startSecretsManagerFront(
  options: SecretsManagerFrontOptions,
): Promise<SecretsManagerFront> {
  const moto = new SecretsManagerClient(options.moto.clientConfig());
  const rotations: StartedRotation[] = [];

  const server = createServer((request, response) => {
    void serve(request, response).catch((error: unknown) => {
      awsError(response, 500, 'InternalFailure', error instanceof Error ? error.message : String(error));
    });
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const target = String(request.headers['x-amz-target'] ?? '');
    if (target === 'secretsmanager.RotateSecret' && options.rotationFunction) {
      await rotateSecret(JSON.parse(body) as RotateSecretRequest, response);
      return;
    }
    if (target === 'secretsmanager.PutSecretValue') {
      const input = JSON.parse(body) as Record<string, unknown>;
      if (input.VersionStages === undefined) {
        await putCurrent(input, response);
        return;
      }
    }
    if (target === 'secretsmanager.GetSecretValue') {
      const input = JSON.parse(body) as Record<string, unknown>;
      if (input.VersionId === undefined && input.VersionStage === undefined) {
        await forward(request, JSON.stringify({ ...input, VersionStage: STAGE.current }), response);
        return;
      }
    }
    await forward(request, body, response);
  }

  async function forward(request: IncomingMessage, body: string, response: ServerResponse): Promise<void> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || HOP_HEADERS.has(name)) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await fetch(`${options.moto.url}${request.url ?? '/'}`, {
      method: request.method ?? 'POST',
      headers,
      ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body }),
    });
    const payload = Buffer.from(await answer.arrayBuffer());
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!HOP_HEADERS.has(name) && name !== 'content-encoding') out[name] = value;
    });
    response.writeHead(answer.status, { ...out, 'content-length': String(payload.length) }).end(payload);
  }

  async function putCurrent(input: Record<string, unknown>, response: ServerResponse): Promise<void> {
    const secretId = String(input.SecretId);
    let current: string | undefined;
    try {
      current = versionWithStage(await new SecretStore(moto, secretId).describe(), STAGE.current);
    } catch (error) {
      if (error instanceof ResourceNotFoundException) {
        awsError(
          response,
          400,
          'ResourceNotFoundException',
          "Secrets Manager can't find the specified secret.",
        );
        return;
      }
      throw error;
    }
    const stored = await moto.send(
      new PutSecretValueCommand({ ...(input as unknown as PutSecretValueCommandInput), VersionStages: [] }),
    );
    await moto.send(
      new UpdateSecretVersionStageCommand({
        SecretId: secretId,
        VersionStage: STAGE.current,
        MoveToVersionId: stored.VersionId,
        ...(current === undefined ? {} : { RemoveFromVersionId: current }),
      }),
    );
    json(response, 200, {
      ARN: stored.ARN,
      Name: stored.Name,
      VersionId: stored.VersionId,
      VersionStages: [STAGE.current],
    });
  }

  async function rotateSecret(input: RotateSecretRequest, response: ServerResponse): Promise<void> {
    const store = new SecretStore(moto, input.SecretId);
    let description: Awaited<ReturnType<SecretStore['describe']>>;
    try {
      description = await store.describe();
    } catch (error) {
      if (error instanceof ResourceNotFoundException) {
        awsError(
          response,
          400,
          'ResourceNotFoundException',
          "Secrets Manager can't find the specified secret.",
        );
        return;
      }
      throw error;
    }
    if (!description.rotationEnabled) {
      awsError(
        response,
        400,
        'InvalidRequestException',
        'No Lambda rotation function ARN is associated with this secret.',
      );
      return;
    }
    const pending = versionWithStage(description, STAGE.pending);
    if (pending !== undefined && !description.stagesByVersion.get(pending)?.includes(STAGE.current)) {
      awsError(
        response,
        400,
        'InvalidRequestException',
        "A previous rotation isn't complete. That rotation will be reattempted.",
      );
      return;
    }
    const versionId = input.ClientRequestToken ?? randomUUID();
    const rotationFunction = options.rotationFunction as NonNullable<typeof options.rotationFunction>;
    rotations.push({ versionId, outcome: runSteps(rotationFunction, description.arn, versionId) });
    json(response, 200, { ARN: description.arn, Name: description.name, VersionId: versionId });
  }

  async function runSteps(
    rotationFunction: NonNullable<SecretsManagerFrontOptions['rotationFunction']>,
    secretId: string,
    versionId: string,
  ): Promise<Awaited<StartedRotation['outcome']>> {
    for (const step of ROTATION_STEPS) {
      if (options.stepDelayMs) await new Promise((resolve) => setTimeout(resolve, options.stepDelayMs));
      try {
        await rotationFunction({ Step: step, SecretId: secretId, ClientRequestToken: versionId });
      } catch (error) {
        return { result: 'failed', step, error };
      }
    }
    return { result: 'succeeded' };
  }

  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    get rotations() {
      return [...rotations];
    },
    async settled() {
      await Promise.all(rotations.map((rotation) => rotation.outcome));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        moto.destroy();
      }),
  };
}

interface RotateSecretRequest {
  SecretId: string;
  ClientRequestToken?: string;
  RotateImmediately?: boolean;
}

const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response
    .writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(text),
    })
    .end(text);
}

/** AWS's JSON-protocol error answer, which the SDK turns into the named exception class. */
function awsError(response: ServerResponse, status: number, type: string, message: string): void {
  if (response.headersSent) return;
  response.setHeader('x-amzn-errortype', type);
  json(response, status, { __type: type, message });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
