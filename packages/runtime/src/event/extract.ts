import * as v from 'valibot';
import { BadEventError } from '../errors.js';
import { type FunctionUrlEvent, isFunctionUrlEvent, lowerCaseHeaders } from './function-url-event.js';
import { isBiotHookType } from './hook-type.js';
import type { IncomingEvent } from './incoming-event.js';
import { AdaptEntityBody, InterceptorPostBody, InterceptorPreBody, NotificationBody } from './schemas.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Stage 1 of the pipeline: turn a raw Lambda event into a typed, validated BioT event, or throw
 * a `BadEventError` (400) that says what is wrong without echoing the input.
 */
export function extractEvent(raw: unknown, headers = headersOf(raw)): IncomingEvent {
  if (!isFunctionUrlEvent(raw)) {
    return { hookType: 'NONSPECIFIC', source: 'invoke', body: raw, headers: {}, token: undefined };
  }
  const hookType = headers.hooktype;
  const bearer = bearerToken(headers.authorization);

  if (hookType === undefined) {
    const text = bodyText(raw);
    return {
      hookType: 'NONSPECIFIC',
      source: 'url',
      body: text === undefined ? undefined : parseJson(text),
      headers,
      token: bearer,
    };
  }
  if (!isBiotHookType(hookType)) {
    throw new BadEventError('UNKNOWN_HOOK_TYPE', 'The hooktype header names no known BioT hook type', {
      allowed: ['NOTIFICATION', 'INTERCEPTOR_PRE', 'INTERCEPTOR_POST', 'INTERCEPTOR_POST_ENTITY'],
    });
  }

  const json = parseObject(bodyText(raw));
  switch (hookType) {
    case 'NOTIFICATION': {
      const body = validate(NotificationBody, json, hookType);
      return { hookType, body, headers, token: body.jwt };
    }
    case 'INTERCEPTOR_PRE':
      return { hookType, body: validate(InterceptorPreBody, json, hookType), headers, token: bearer };
    case 'INTERCEPTOR_POST':
      return { hookType, body: validate(InterceptorPostBody, json, hookType), headers, token: bearer };
    case 'INTERCEPTOR_POST_ENTITY':
      return { hookType, body: validate(AdaptEntityBody, json, hookType), headers, token: bearer };
  }
}

export function headersOf(raw: unknown): Record<string, string> {
  return isFunctionUrlEvent(raw) ? lowerCaseHeaders(raw.headers) : {};
}

/** Interceptors carry BioT's token as `authorization: Bearer <jwt>` (contract §1.2). */
function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const [scheme, token, ...rest] = authorization.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) return undefined;
  return token;
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

function validate<S extends v.GenericSchema>(schema: S, json: unknown, hookType: string): v.InferOutput<S> {
  const result = v.safeParse(schema, json);
  if (result.success) return result.output;
  // Field paths only: the offending values are the caller's input and are never echoed.
  const fields = [
    ...new Set(result.issues.map((issue) => (v.getDotPath(issue) ?? '(body)').slice(0, 100))),
  ].slice(0, 10);
  throw new BadEventError(
    'INVALID_EVENT',
    `The ${hookType} body does not have the shape BioT sends: ${fields.join(', ')}`,
    { fields },
  );
}
