import { PLACEHOLDER_KEY_ID } from '@biot-plugin/core';
import { OpsError } from '../errors.js';
import type { OpsIo } from '../io.js';
import { readLineFromTerminal } from './terminal-line.js';

/** A BioT secret key as an operator hands it over: BioT's id for it and its value. */
export interface KeyInput {
  keyId: string;
  secretKey: string;
}

const MAX_INPUT_BYTES = 64 * 1024;
const FORMAT_HINT =
  'Give BioT\'s answer as it came: POST /ums/v2/services/{id}/secret-keys answers {"id", "creationTime", ' +
  '"secretKey"}, POST /ums/v2/services answers the service user with "secretKeyData": {"id", "secretKey", …}; ' +
  'or {"keyId": "...", "secretKey": "..."}; or two lines: the key id, then the secret key.';

/**
 * Reads the key from stdin when it is piped or redirected, else prompts on the terminal without
 * echoing the secret. Never from the command line: that would leave it in shell history and `ps`.
 */
export async function readKeyInput(io: OpsIo): Promise<KeyInput> {
  if (!io.stdin.isTTY) return parseKeyInput(await readAll(io));
  const keyId = await readLineFromTerminal(io, 'BioT secret key id: ', { hidden: false });
  const secretKey = await readLineFromTerminal(io, 'BioT secret key (not shown): ', { hidden: true });
  return validKeyInput({ keyId, secretKey });
}

/**
 * BioT's own answers, the secret's format, or two non-empty lines. Errors never quote the input.
 * As JSON (see README "secret-set"), the key is the first of:
 * - `secretKeyData` of `POST /ums/v2/services` (its top-level `id` is the service user's, not the key's);
 * - `{keyId, secretKey}`, the secret's own format;
 * - `{id, creationTime, secretKey}` of `POST /ums/v2/services/{id}/secret-keys`.
 */
export function parseKeyInput(text: string): KeyInput {
  const trimmed = text.trim();
  if (trimmed === '') throw new OpsError('Nothing was read from stdin: no key was given.', FORMAT_HINT);
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      throw new OpsError('The input looks like JSON but does not parse.', FORMAT_HINT);
    }
    return validKeyInput(keyOfJson(json));
  }
  const lines = trimmed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length !== 2) {
    throw new OpsError(`Expected two lines (key id, secret key) but read ${lines.length}.`, FORMAT_HINT);
  }
  return validKeyInput({ keyId: lines[0] as string, secretKey: lines[1] as string });
}

function keyOfJson(json: unknown): KeyInput {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const record = (value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const answer = record(json);
  if (answer === undefined) throw new OpsError('The JSON is not an object.', FORMAT_HINT);
  const key = record(answer.secretKeyData) ?? answer;
  return { keyId: text(key.keyId ?? key.id), secretKey: text(key.secretKey) };
}

function validKeyInput(input: KeyInput): KeyInput {
  const keyId = input.keyId.trim();
  const secretKey = input.secretKey.trim();
  if (keyId === '' || secretKey === '') {
    throw new OpsError(`The ${keyId === '' ? 'key id' : 'secret key'} is empty.`, FORMAT_HINT);
  }
  if (keyId === PLACEHOLDER_KEY_ID || /\s/.test(keyId)) {
    throw new OpsError(`"${keyId}" is not a BioT key id.`, FORMAT_HINT);
  }
  return { keyId, secretKey };
}

async function readAll(io: OpsIo): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) throw new OpsError('The input is too large to be a BioT key.', FORMAT_HINT);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
