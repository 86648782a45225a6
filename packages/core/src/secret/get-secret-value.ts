import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Secrets Manager's GetSecretValue as one signed HTTPS POST (AWS JSON 1.1), for the cold path of a
 * Lambda: importing the AWS SDK's client and building it costs ≈ 160 ms of CPU on Node 22, this
 * ≈ 15–30 ms (the README's dependency table has the measurement). The signature is the SDK's own
 * (`@smithy/signature-v4`); only the request and its answer are ours.
 *
 * It needs static credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN, which Lambda sets); anywhere else (profiles, SSO) the SDK's client is used.
 */

/** The credentials Lambda puts in every function's environment, when they are there. */
export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export function staticCredentials(env: NodeJS.ProcessEnv): StaticCredentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return {
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
  };
}

/** An error answer of Secrets Manager (or no answer): its error type, never its message. */
export class SecretsManagerError extends Error {
  constructor(
    /** AWS's error type, e.g. `ResourceNotFoundException`; `NetworkError`, `TimeoutError` without an answer. */
    readonly type: string,
    /** The HTTP status, when there was an answer. */
    readonly status: number | undefined,
    options?: ErrorOptions,
  ) {
    // AWS's own message names the secret and the role; the type and status say what happened.
    super(
      status === undefined ? `Secrets Manager: ${type}` : `Secrets Manager answered ${status} ${type}`,
      options,
    );
    this.name = type;
  }

  /** Worth another try: throttling, AWS's own failures, no answer at all. */
  get transient(): boolean {
    return (
      this.status === undefined ||
      this.status >= 500 ||
      this.status === 429 ||
      /Throttling|TooManyRequests|RequestLimitExceeded|InternalServiceError/.test(this.type)
    );
  }
}

export interface GetSecretValueRequest {
  SecretId: string;
  VersionStage?: string;
  VersionId?: string;
}

export interface GetSecretValueOptions {
  env: NodeJS.ProcessEnv;
  credentials: StaticCredentials;
  /** Per attempt. @default 3000 */
  timeoutMs?: number;
  /** Retries of a throttled, failed or unanswered read. @default 2 */
  retryLimit?: number;
}

const DEFAULT_TIMEOUT_MS = 3_000;
const DEFAULT_RETRY_LIMIT = 2;
/** A secret is at most 64 KB; its JSON answer, base64 and metadata included, stays well below this. */
const MAX_ANSWER_BYTES = 512 * 1024;

/** The secret's value (SecretString, or SecretBinary decoded as UTF-8), `undefined` when it holds none. */
export async function getSecretValue(
  request: GetSecretValueRequest,
  options: GetSecretValueOptions,
): Promise<string | undefined> {
  const retryLimit = options.retryLimit ?? DEFAULT_RETRY_LIMIT;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const answer = await sendOnce(request, options);
      if (answer.SecretString !== undefined) return answer.SecretString;
      return answer.SecretBinary === undefined
        ? undefined
        : Buffer.from(answer.SecretBinary, 'base64').toString('utf8');
    } catch (error) {
      if (!(error instanceof SecretsManagerError) || !error.transient || attempt > retryLimit) throw error;
      // Jittered, like the SDK's: containers that were throttled together must not retry together.
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt * (0.5 + Math.random() / 2)));
    }
  }
}

interface GetSecretValueAnswer {
  SecretString?: string;
  SecretBinary?: string;
}

async function sendOnce(
  request: GetSecretValueRequest,
  options: GetSecretValueOptions,
): Promise<GetSecretValueAnswer> {
  const region = regionOf(request.SecretId, options.env);
  const endpoint = endpointOf(region, request.SecretId, options.env);
  const body = JSON.stringify(request);
  // Imported on the first read, not with the bundle: an import that needs no secret (a key in the
  // environment, a warm container) never evaluates the signer (≈ 3 ms of a cold import on Node 22).
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const signer = new SignatureV4({
    service: 'secretsmanager',
    region,
    credentials: options.credentials,
    sha256: NodeSha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    ...(endpoint.port ? { port: Number(endpoint.port) } : {}),
    path: endpoint.pathname,
    query: {},
    headers: {
      host: endpoint.host,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'secretsmanager.GetSecretValue',
    },
    body,
  });
  const { status, text, errorTypeHeader } = await post(
    endpoint,
    signed.headers,
    body,
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  if (status !== 200) throw new SecretsManagerError(errorType(errorTypeHeader, text, status), status);
  try {
    return JSON.parse(text) as GetSecretValueAnswer;
  } catch (error) {
    throw new SecretsManagerError('InvalidAnswer', status, { cause: error });
  }
}

/**
 * AWS JSON 1.1 names the error in the `x-amzn-errortype` header or the body's `__type`, either
 * possibly as `prefix#Type` or `Type:detail` (smithy's aws-json-1_1 protocol); an XML error's
 * `<Code>` is read too.
 */
function errorType(header: string | undefined, text: string, status: number): string {
  let fromBody: unknown;
  try {
    fromBody = (JSON.parse(text) as { __type?: unknown }).__type;
  } catch {
    // Not JSON: an XML error (moto's authorisation errors) or a proxy's page.
    fromBody = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1];
  }
  for (const candidate of [header, fromBody]) {
    if (typeof candidate !== 'string') continue;
    const name = candidate.split('#').pop()?.split(':')[0]?.trim() ?? '';
    if (/^[A-Za-z][A-Za-z0-9]{0,99}$/.test(name)) return name;
  }
  return status === 429 ? 'ThrottlingException' : `Http${status}`;
}

/** The secret's own region when its id is an ARN (it lives there), else the function's. */
function regionOf(secretId: string, env: NodeJS.ProcessEnv): string {
  const fromArn = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):/.exec(secretId)?.[1];
  const region = fromArn ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new SecretsManagerError('MissingRegion', undefined);
  return region;
}

/** AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL (as the SDK honours them), else the regional endpoint. */
function endpointOf(region: string, secretId: string, env: NodeJS.ProcessEnv): URL {
  const configured = env.AWS_ENDPOINT_URL_SECRETS_MANAGER || env.AWS_ENDPOINT_URL;
  if (configured) return new URL(configured);
  const domain =
    secretId.startsWith('arn:aws-cn:') || region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return new URL(`https://secretsmanager.${region}.${domain}/`);
}

/**
 * One POST over node:http(s), loaded on first use without an ESM import (on Node 22 an ESM import
 * of node:http builds a facade that loads all of undici), with a timeout and a size cap.
 */
function post(
  endpoint: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ status: number; text: string; errorTypeHeader: string | undefined }> {
  const transport = process.getBuiltinModule(endpoint.protocol === 'http:' ? 'node:http' : 'node:https');
  return new Promise((resolve, reject) => {
    const fail = (type: string, cause?: unknown) =>
      reject(new SecretsManagerError(type, undefined, cause === undefined ? undefined : { cause }));
    const request = transport.request(
      endpoint,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) {
            request.destroy();
            fail('AnswerTooLarge');
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          const header = response.headers['x-amzn-errortype'];
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            errorTypeHeader: Array.isArray(header) ? header[0] : header,
          });
        });
        response.on('error', (error) => fail('NetworkError', error));
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      fail('TimeoutError');
    }, timeoutMs);
    request.on('close', () => clearTimeout(timer));
    request.on('error', (error) => fail('NetworkError', error));
    request.end(body);
  });
}

/** SHA-256 and HMAC-SHA-256 as `@smithy/signature-v4` asks for them, on node:crypto. */
export class NodeSha256 {
  private readonly hash: Hash | Hmac;

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash =
      secret === undefined
        ? createHash('sha256')
        : createHmac('sha256', typeof secret === 'string' ? secret : toBuffer(secret));
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(typeof data === 'string' ? data : toBuffer(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function toBuffer(data: ArrayBuffer | ArrayBufferView): Buffer {
  return ArrayBuffer.isView(data)
    ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    : Buffer.from(data);
}
