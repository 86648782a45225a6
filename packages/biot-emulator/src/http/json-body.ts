import { BadRequestError } from '../errors.js';
import type { RequestContext } from './request-context.js';

/**
 * The request body parsed as JSON; undefined when empty. A body that is not JSON is a 400 with
 * `malformedCode`, because BioT services answer some routes (login) with their own code for it.
 */
export function jsonBody(context: RequestContext, malformedCode = 'MALFORMED_JSON'): unknown {
  if (context.rawBody.trim() === '') return undefined;
  try {
    return JSON.parse(context.rawBody) as unknown;
  } catch {
    throw new BadRequestError(malformedCode, 'The request body is not valid JSON');
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body as a JSON object, or a 400 with `code` when it is something else. */
export function jsonObjectBody(context: RequestContext, code = 'MALFORMED_JSON'): Record<string, unknown> {
  const body = jsonBody(context, code);
  if (body === undefined) return {};
  if (!isPlainObject(body)) throw new BadRequestError(code, 'The request body must be a JSON object');
  return body;
}
