import { describe, expect, it } from 'vitest';
import { BadEventError } from '../../src/errors.js';
import { extractEvent } from '../../src/event/extract.js';
import { adaptEntityBody, notificationBody, postBody, preBody } from '../support/bodies.js';
import { functionUrlEvent } from '../support/function-url-events.js';
import { thrown } from '../support/thrown.js';

function eventOf(hooktype: string | undefined, body: unknown, headers: Record<string, string> = {}) {
  return functionUrlEvent({
    headers: { ...(hooktype ? { hooktype } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const badEvent = (run: () => unknown) => thrown(BadEventError, run);

describe('extractEvent', () => {
  it('reads a notification and takes its token from the body', () => {
    const event = extractEvent(eventOf('NOTIFICATION', notificationBody('the.jwt.token')));
    expect(event.hook).toBe('notification');
    expect(event.token).toBe('the.jwt.token');
  });

  it('reads an interceptor token from the authorization header, whatever the header name case', () => {
    const raw = functionUrlEvent({
      headers: { HookType: 'INTERCEPTOR_PRE', Authorization: 'Bearer abc.def.ghi' },
      body: JSON.stringify(preBody()),
    });
    const event = extractEvent(raw);
    expect(event.hook).toBe('preRequest');
    expect(event.token).toBe('abc.def.ghi');
    expect(event.headers.hooktype).toBe('INTERCEPTOR_PRE');
  });

  it('ignores an authorization header that is not a bearer token', () => {
    const event = extractEvent(
      eventOf('INTERCEPTOR_PRE', preBody(), { authorization: 'Basic dXNlcjpwYXNz' }),
    );
    expect(event.token).toBeUndefined();
  });

  it('decodes a base64 body', () => {
    const raw = functionUrlEvent({
      headers: { hooktype: 'INTERCEPTOR_POST' },
      body: Buffer.from(JSON.stringify(postBody())).toString('base64'),
      isBase64Encoded: true,
    });
    expect(extractEvent(raw).hook).toBe('postRequest');
  });

  it('keeps fields BioT may add tomorrow', () => {
    const body = { ...adaptEntityBody(), futureField: { kept: true } };
    const event = extractEvent(eventOf('INTERCEPTOR_POST_ENTITY', body));
    expect(event.body).toMatchObject({ futureField: { kept: true } });
  });

  it('accepts a POST body whose inferred envelope fields are missing', () => {
    const event = extractEvent(
      eventOf('INTERCEPTOR_POST', { response: { statusCode: 200, body: { a: 1 } } }),
    );
    expect(event.hook).toBe('postRequest');
  });

  it('treats a call without hooktype as a non-specific call through the URL', () => {
    const event = extractEvent(eventOf(undefined, '', { authorization: 'Bearer a.b.c' }));
    expect(event).toMatchObject({ hook: 'scheduled', source: 'url', token: 'a.b.c', body: undefined });
  });

  it('treats an event that is not a Function URL event as a direct invocation', () => {
    const event = extractEvent({ source: 'aws.scheduler', detail: {} });
    expect(event).toMatchObject({ hook: 'scheduled', source: 'invoke' });
  });

  it('refuses an unknown hooktype with UNKNOWN_HOOK_TYPE', () => {
    expect(badEvent(() => extractEvent(eventOf('notification', notificationBody('x')))).code).toBe(
      'UNKNOWN_HOOK_TYPE',
    );
  });

  it.each([
    ['a missing body', null],
    ['an empty body', ''],
    ['a body that is not JSON', '{"metadata":'],
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"hello"'],
    ['JSON null', 'null'],
  ])('refuses a notification with %s as INVALID_EVENT', (_case, body) => {
    const raw = functionUrlEvent({ headers: { hooktype: 'NOTIFICATION' }, body });
    expect(badEvent(() => extractEvent(raw)).code).toBe('INVALID_EVENT');
  });

  it('refuses base64 garbage', () => {
    const raw = functionUrlEvent({
      headers: { hooktype: 'NOTIFICATION' },
      body: '!!not*base64',
      isBase64Encoded: true,
    });
    expect(badEvent(() => extractEvent(raw)).message).toMatch(/base64/);
  });

  it('refuses base64 that decodes to invalid UTF-8', () => {
    const raw = functionUrlEvent({
      headers: { hooktype: 'NOTIFICATION' },
      body: Buffer.from([0xff, 0xfe, 0xfd, 0x00]).toString('base64'),
      isBase64Encoded: true,
    });
    expect(badEvent(() => extractEvent(raw)).message).toMatch(/UTF-8/);
  });

  it('names the missing fields of a notification without echoing the input', () => {
    const error = badEvent(() =>
      extractEvent(eventOf('NOTIFICATION', { metadata: { entityTypeName: 'secret-ish' } })),
    );
    expect(error.details.fields).toEqual(['metadata.actionName', 'data']);
    expect(JSON.stringify(error.details)).not.toContain('secret-ish');
  });

  it('refuses a PRE event without request.path', () => {
    const body = preBody({ request: { queryParameters: {}, headers: {} } });
    expect(badEvent(() => extractEvent(eventOf('INTERCEPTOR_PRE', body))).details.fields).toEqual([
      'request.path',
    ]);
  });

  it('refuses an ADAPT_ENTITY event whose entities is not an array', () => {
    const body = { response: { entities: { _id: 'x' } } };
    const error = badEvent(() => extractEvent(eventOf('INTERCEPTOR_POST_ENTITY', body)));
    expect(error.details.fields).toEqual(['response.entities']);
  });
});
