import * as v from 'valibot';
import { BadEventError } from '../errors.js';
import { BIOT_HOOKTYPES, HOOK_TYPES, hookForHooktype } from '../hook-types.js';
import { type FunctionUrlEvent, isFunctionUrlEvent, lowerCaseHeaders } from './function-url-event.js';
import { HEALTH_CHECK_EVENT, HEALTH_CHECK_KEY, HEALTH_CHECK_VERSION } from './health-check-event.js';
import type { IncomingEvent } from './incoming-event.js';
import { schemaPath } from './schema-path.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Stage 1 of the pipeline: turn a raw Lambda event into a typed, validated BioT event, or throw
 * a `BadEventError` (400) that says what is wrong without echoing the input.
 */
export function extractEvent(raw: unknown, headers = headersOf(raw)): IncomingEvent {
  if (!isFunctionUrlEvent(raw)) {
    return { hook: 'scheduled', source: 'invoke', body: raw, headers: {}, token: undefined };
  }
  const bearer = bearerToken(headers.authorization);
  if (headers.hooktype === undefined) {
    const text = bodyText(raw);
    return {
      hook: 'scheduled',
      source: 'url',
      body: text === undefined ? undefined : parseJson(text),
      headers,
      token: bearer,
    };
  }
  const hook = hookForHooktype(headers.hooktype);
  if (hook === undefined || hook === 'scheduled') {
    throw new BadEventError('UNKNOWN_HOOK_TYPE', 'The hooktype header names no known BioT hook type', {
      allowed: BIOT_HOOKTYPES,
    });
  }
  const spec = HOOK_TYPES[hook];
  const body = parseObject(bodyText(raw));
  validate(spec.body, body, spec.hooktype);
  const token = spec.token === 'body.jwt' ? stringField(body, 'jwt') : bearer;
  // BioT's own object goes on, not the validator's copy: a copy could lose keys it treats as
  // special, and an identity hook must answer exactly what BioT sent.
  return { hook, body, headers, token } as IncomingEvent;
}

/**
 * Whether a raw Lambda event is the health check (`{"biotPluginHealthCheck": 1}`, see
 * health-check-event.ts): only a direct invocation can be one, so a Function URL event never is,
 * whatever its body says. A direct invocation that carries the reserved key in any other form is
 * refused (400) rather than handed to the scheduled hook. The pipeline asks this before
 * `extractEvent`, which maps every other direct invocation to the scheduled hook.
 */
export function isHealthCheck(raw: unknown): boolean {
  if (
    isFunctionUrlEvent(raw) ||
    typeof raw !== 'object' ||
    raw === null ||
    !Object.hasOwn(raw, HEALTH_CHECK_KEY)
  ) {
    return false;
  }
  const keys = Object.keys(raw);
  if (keys.length !== 1 || (raw as Record<string, unknown>)[HEALTH_CHECK_KEY] !== HEALTH_CHECK_VERSION) {
    throw new BadEventError(
      'INVALID_EVENT',
      `A health check is exactly ${JSON.stringify(HEALTH_CHECK_EVENT)}; the key ${HEALTH_CHECK_KEY} is reserved for it`,
      { expected: HEALTH_CHECK_EVENT },
    );
  }
  return true;
}

export function headersOf(raw: unknown): Record<string, string> {
  return isFunctionUrlEvent(raw) ? lowerCaseHeaders(raw.headers) : {};
}

/** Interceptors carry BioT's token as `authorization: Bearer <jwt>` (BIOT-CONTRACT.md §1.2). */
function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const [scheme, token, ...rest] = authorization.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) return undefined;
  return token;
}

function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = Object.hasOwn(body, name) ? body[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function bodyText(event: FunctionUrlEvent): string | undefined {
  const body = event.body;
  if (body === undefined || body === null || body === '') return undefined;
  if (typeof body !== 'string') throw new BadEventError('INVALID_EVENT', 'The event body is not a string');
  if (!event.isBase64Encoded) return body;
  if (body.length % 4 !== 0 || !BASE64.test(body)) {
    throw new BadEventError('INVALID_EVENT', 'The event body is marked base64 but is not valid base64');
  }
  try {
    return utf8.decode(Buffer.from(body, 'base64'));
  } catch {
    throw new BadEventError('INVALID_EVENT', 'The event body is not valid UTF-8');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BadEventError('INVALID_EVENT', 'The event body is not valid JSON');
  }
}

function parseObject(text: string | undefined): Record<string, unknown> {
  if (text === undefined) throw new BadEventError('INVALID_EVENT', 'The event body is empty');
  const json = parseJson(text);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new BadEventError('INVALID_EVENT', 'The event body is not a JSON object');
  }
  return json as Record<string, unknown>;
}

function validate(schema: v.GenericSchema, json: unknown, hooktype: string): void {
  const result = v.safeParse(schema, json);
  if (result.success) return;
  // Field paths only: the offending values are the caller's input and are never echoed.
  const fields = [...new Set(result.issues.map((issue) => schemaPath(issue, schema, '(body)')))].slice(0, 10);
  throw new BadEventError(
    'INVALID_EVENT',
    `The ${hooktype} body does not have the shape BioT sends: ${fields.join(', ')}`,
    { fields },
  );
}
