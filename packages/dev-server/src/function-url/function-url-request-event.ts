import { randomBytes } from 'node:crypto';
import { isTextContentType } from './text-content-type.js';

/** A Function URL event, payload format 2.0, as AWS builds it (Lambda docs, "Request payload format"). */
export interface FunctionUrlRequestEvent {
  version: '2.0';
  routeKey: '$default';
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  requestContext: {
    accountId: 'anonymous';
    apiId: string;
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: '$default';
    stage: '$default';
    time: string;
    timeEpoch: number;
  };
  body?: string;
  isBase64Encoded: boolean;
}

/** The parts of an HTTP request the event is built from. */
export interface ReceivedRequest {
  method: string;
  /** The request target as sent: path and query, still percent-encoded. */
  target: string;
  httpVersion: string;
  /** Lower-case names, every value of a repeated header (Node's `headersDistinct`). */
  headers: Record<string, string[]>;
  sourceIp: string;
  /** The port the dev server listens on, for `x-forwarded-port`. */
  localPort: number;
  body: Buffer;
  requestId: string;
  receivedAt: Date;
}

/** Function URLs have an id; a local one needs a stable stand-in. */
const LOCAL_URL_ID = 'local';

/**
 * Builds the event AWS would hand the Lambda for this request: header names lower-case and
 * repeated headers joined with commas, cookies moved out of the headers into `cookies`, the query
 * both raw and parsed, and a body that is not text base64-encoded. Auth type NONE, as BioT uses
 * (BIOT-CONTRACT.md §1.1), so `accountId` is `anonymous` and there is no authorizer.
 */
export function toFunctionUrlEvent(request: ReceivedRequest): FunctionUrlRequestEvent {
  const queryStart = request.target.indexOf('?');
  const rawPath = queryStart === -1 ? request.target : request.target.slice(0, queryStart);
  const rawQueryString = queryStart === -1 ? '' : request.target.slice(queryStart + 1);

  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(request.headers)) {
    if (name !== 'cookie') headers[name] = values.join(',');
  }
  // AWS adds these on the way in (BIOT-CONTRACT.md §1.2, "others"); handlers sometimes log them.
  headers['x-forwarded-for'] = [headers['x-forwarded-for'], request.sourceIp].filter(Boolean).join(', ');
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-port'] = String(request.localPort);
  headers['x-amzn-trace-id'] ??= xrayTraceId(request.receivedAt);

  const cookies = (request.headers.cookie ?? [])
    .flatMap((header) => header.split(';'))
    .map((cookie) => cookie.trim())
    .filter((cookie) => cookie !== '');
  const queryStringParameters = parseQuery(rawQueryString);
  const domainName = headers.host ?? `127.0.0.1:${request.localPort}`;
  const hasBody = request.body.length > 0;
  const isBase64Encoded = hasBody && !isTextContentType(headers['content-type']);

  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: 'anonymous',
      apiId: LOCAL_URL_ID,
      domainName,
      domainPrefix: LOCAL_URL_ID,
      http: {
        method: request.method,
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: request.requestId,
      routeKey: '$default',
      stage: '$default',
      time: clfTime(request.receivedAt),
      timeEpoch: request.receivedAt.getTime(),
    },
    ...(hasBody ? { body: request.body.toString(isBase64Encoded ? 'base64' : 'utf8') } : {}),
    isBase64Encoded,
  };
}

/** Repeated parameters are joined with commas, as in the headers. */
function parseQuery(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  }
  return parameters;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `07/Sep/2021:22:50:22 +0000`, the format of `requestContext.time`. */
function clfTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}

/** `Root=1-<epoch seconds, hex>-<96 random bits>`, X-Ray's trace header format. */
function xrayTraceId(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000).toString(16);
  return `Root=1-${seconds}-${randomBytes(12).toString('hex')}`;
}
