import { InvalidFunctionResultError } from '../errors.js';

/** An HTTP response, ready to write. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Each becomes one `set-cookie` header. */
  cookies: string[];
  body: Buffer;
}

/** What a result translation produced, with anything AWS accepts but a developer should hear about. */
export interface TranslatedResult {
  response: HttpResponse;
  warnings: string[];
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Turns what the handler returned into the HTTP response a Function URL sends (Lambda docs,
 * "Response payload format"): an object with `statusCode` is taken as the response; anything else
 * (an object without `statusCode`, a string, a number) is a 200 whose JSON body is that value.
 * A result AWS could not read throws InvalidFunctionResultError, which AWS answers with a 502.
 */
export function toHttpResponse(result: unknown): TranslatedResult {
  if (!isObject(result) || !('statusCode' in result)) {
    return {
      response: {
        status: 200,
        headers: { 'content-type': 'application/json' },
        cookies: [],
        // A Node handler that returns nothing gives Lambda `null`.
        body: Buffer.from(JSON.stringify(result) ?? 'null'),
      },
      warnings: [],
    };
  }

  const warnings: string[] = [];
  const { statusCode, headers = {}, cookies = [], body, isBase64Encoded = false } = result;
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    throw new InvalidFunctionResultError(
      `statusCode must be an integer from 100 to 599, got ${show(statusCode)}`,
    );
  }
  if (!isObject(headers)) throw new InvalidFunctionResultError('headers must be an object of strings');
  if (!Array.isArray(cookies) || cookies.some((cookie) => typeof cookie !== 'string')) {
    throw new InvalidFunctionResultError('cookies must be an array of strings');
  }
  if (typeof isBase64Encoded !== 'boolean')
    throw new InvalidFunctionResultError('isBase64Encoded must be a boolean');

  const responseHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'object') throw new InvalidFunctionResultError(`header ${name} must be a string`);
    responseHeaders[name.toLowerCase()] = String(value);
  }

  let bytes: Buffer;
  if (body === undefined || body === null) {
    bytes = Buffer.alloc(0);
  } else if (typeof body === 'string') {
    if (isBase64Encoded && (body.length % 4 !== 0 || !BASE64.test(body))) {
      throw new InvalidFunctionResultError('body is marked isBase64Encoded but is not valid base64');
    }
    bytes = Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8');
  } else {
    // BioT's samples do this (BIOT-CONTRACT.md §2.5, "Wire caution"); AWS documents `body` as a string.
    warnings.push('the result body is not a string; it was sent as JSON, but AWS documents body as a string');
    bytes = Buffer.from(JSON.stringify(body));
  }
  if (bytes.length > 0 && responseHeaders['content-type'] === undefined) {
    responseHeaders['content-type'] = 'application/json';
  }
  return { response: { status: statusCode, headers: responseHeaders, cookies, body: bytes }, warnings };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}
