import { expect } from 'vitest';
import type { BiotEmulator } from '../../src/index.js';

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is instead of `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field
  json: any;
}

/** One HTTP call to the emulator over the network, as a plugin would make it. */
export async function call(
  emulator: BiotEmulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (body === undefined && options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${emulator.url}${path}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text === '' ? undefined : JSON.parse(text),
  };
}

/** Logs a service user in and returns its access token. */
export async function login(emulator: BiotEmulator, id: string, secretKey: string): Promise<string> {
  const answer = await call(emulator, 'POST', '/ums/v2/services/accessToken', { body: { id, secretKey } });
  if (answer.status !== 200) throw new Error(`login failed: ${answer.status} ${answer.text}`);
  return answer.json.accessToken as string;
}

/** `?searchRequest=` with the JSON URL-encoded, as BioT clients send it. */
export function searchQuery(searchRequest: unknown): string {
  return `?searchRequest=${encodeURIComponent(JSON.stringify(searchRequest))}`;
}

/** The shape every emulator error must have: BioT's ErrorResponse (BIOT-CONTRACT.md §2.5). */
export function biotError(code: string) {
  return {
    code,
    message: expect.any(String),
    serviceName: 'biot-emulator',
    traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    environment: 'local',
    details: expect.any(Object),
  };
}
