import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkForgedCall, judge } from '../../src/verify/forged-call.js';

const biotError = (code: string, message = 'refused') =>
  JSON.stringify({
    code,
    message,
    serviceName: 'watcher',
    traceId: 'a'.repeat(32),
    environment: 'dev',
    details: {},
  });
const headers = (values: Record<string, string> = {}) =>
  new Headers({ 'x-amzn-requestid': 'r-1', ...values });

describe("the Function URL check's judgement of the answer to a forged token", () => {
  it("passes only BioT's error body with 401 JWT_INVALID", () => {
    expect(judge(401, headers(), biotError('JWT_INVALID'), 12)).toMatchObject({ ok: true });
  });

  it.each<[string, number, string, RegExp, RegExp]>([
    [
      'a 200 (token checks off)',
      200,
      '',
      /ACCEPTED a token BioT never signed \(200\)/,
      /BIOT_SHOULD_VALIDATE_JWT=false/,
    ],
    ['a 204', 204, '', /ACCEPTED a token BioT never signed/, /BIOT_SHOULD_VALIDATE_JWT/],
    [
      "AWS's 403 (IAM auth)",
      403,
      '{"Message":"Forbidden"}',
      /AWS refused the call before the function ran \(403 \{"Message":"Forbidden"\}\)/,
      /auth type NONE/,
    ],
    ["AWS's 404", 404, '{"Message":null}', /No function answers at this URL/, /deploy the stack again/],
    ['a 429', 429, '{"Message":"Rate Exceeded."}', /throttled/, /reserved concurrency/],
    [
      "AWS's 502 (a crash at start)",
      502,
      '{"Message":"Internal Server Error"}',
      /failed before the runtime could answer \(502/,
      /log group/,
    ],
    [
      '503 PUBLIC_KEY_UNAVAILABLE',
      503,
      biotError('PUBLIC_KEY_UNAVAILABLE', 'BioT’s key could not be fetched'),
      /answered 503 PUBLIC_KEY_UNAVAILABLE/,
      /BIOT_BASE_URL/,
    ],
    [
      '500 PLUGIN_MISCONFIGURED',
      500,
      biotError('PLUGIN_MISCONFIGURED', 'BIOT_BASE_URL is not set'),
      /500 PLUGIN_MISCONFIGURED: BIOT_BASE_URL is not set/,
      /environment config/,
    ],
    ['400 INVALID_EVENT', 400, biotError('INVALID_EVENT'), /400 INVALID_EVENT/, /NOTIFICATION shape/],
    ['401 JWT_MISSING', 401, biotError('JWT_MISSING'), /401 JWT_MISSING/, /token/],
    [
      '403 JWT_SCOPE_MISSING',
      403,
      biotError('JWT_SCOPE_MISSING'),
      /403 JWT_SCOPE_MISSING: refused, not 401 JWT_INVALID/,
      /signature/,
    ],
    [
      "a 401 that is not BioT's body",
      401,
      '{"message":"Unauthorized"}',
      /Unexpected answer 401/,
      /FunctionUrl output/,
    ],
  ])('fails %s, saying what it means', (_, status, body, summary, hint) => {
    const result = judge(status, headers(), body, 5);

    expect(result.ok).toBe(false);
    expect(result.summary).toMatch(summary);
    expect(result.hint).toMatch(hint);
  });
});

describe('the Function URL check over HTTP', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(
    answer: (body: Record<string, unknown>, hooktype: string | undefined) => undefined | [number, string],
  ) {
    const listening = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk));
      request.on('end', () => {
        const result = answer(
          JSON.parse(text) as Record<string, unknown>,
          request.headers.hooktype as string,
        );
        if (result === undefined) return; // never answers
        response.writeHead(result[0], { 'content-type': 'application/json' }).end(result[1]);
      });
    });
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(listening.address() as AddressInfo).port}/`;
  }

  it('sends a NOTIFICATION with an RS512 token of BioT’s shape, signed by a key BioT never had', async () => {
    let sent: { body: Record<string, unknown>; hooktype: string | undefined } | undefined;
    const url = await serve((body, hooktype) => {
      sent = { body, hooktype };
      return [401, biotError('JWT_INVALID')];
    });

    const result = await checkForgedCall(url);

    expect(result.ok).toBe(true);
    expect(sent?.hooktype).toBe('NOTIFICATION');
    expect(sent?.body).toMatchObject({ metadata: { entityTypeName: 'patient' }, data: { entity: {} } });
    const [header, claims, signature] = String(sent?.body.jwt).split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({ alg: 'RS512' });
    expect(JSON.parse(Buffer.from(claims ?? '', 'base64url').toString())).toMatchObject({
      tokenType: 'SERVICE_INTERNAL',
      scopes: ['ACTION_NOTIFICATION'],
      exp: expect.any(Number),
    });
    expect(Buffer.from(signature ?? '', 'base64url')).toHaveLength(256);
  });

  it('fails a URL that does not answer in time', async () => {
    const url = await serve(() => undefined);

    const result = await checkForgedCall(url, { timeoutMs: 200 });

    expect(result).toMatchObject({ ok: false, summary: `No answer from ${url} in 0.2 s.` });
    server?.closeAllConnections();
  });

  it('fails a URL nothing listens on', async () => {
    const url = await serve(() => [401, biotError('JWT_INVALID')]);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;

    const result = await checkForgedCall(url);

    expect(result.ok).toBe(false);
    expect(result.summary).toContain(`Could not reach ${url} (ECONNREFUSED)`);
  });
});
