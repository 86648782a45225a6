import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevServer, startDevServer } from '../../src/server/dev-server.js';
import { silentLog } from '../../src/server/dev-server-log.js';
import { send } from '../support/http-client.js';
import { recordingHandler } from '../support/recording-handler.js';

// What the handler receives for a request: the Function URL payload 2.0 event AWS would build.
describe('the event the dev server builds from a request', () => {
  const recorder = recordingHandler();
  let server: DevServer;

  beforeAll(async () => {
    server = await startDevServer({ handler: recorder.handler, timeoutMs: 3000, log: silentLog });
  });
  afterAll(() => server.close());

  it('is a payload 2.0 event with the $default route and stage', async () => {
    await send(server.url, { headers: { 'content-type': 'application/json' }, body: '{}' });

    const { event } = recorder.last;
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('$default');
    expect(event.requestContext).toMatchObject({
      accountId: 'anonymous',
      routeKey: '$default',
      stage: '$default',
    });
  });

  it('lower-cases header names and joins a repeated header with commas', async () => {
    await send(server.url, { headers: { 'X-Custom-Header': ['one', 'two'], HookType: 'NOTIFICATION' } });

    const { headers } = recorder.last.event;
    expect(headers['x-custom-header']).toBe('one,two');
    expect(headers.hooktype).toBe('NOTIFICATION');
    expect(Object.keys(headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it('adds the x-forwarded and x-amzn-trace-id headers AWS adds', async () => {
    await send(server.url);

    const { headers } = recorder.last.event;
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers['x-forwarded-port']).toBe(String(server.port));
    expect(headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('moves cookies out of the headers into the cookies array', async () => {
    await send(server.url, { headers: { cookie: 'session=abc; theme=dark' } });

    const { event } = recorder.last;
    expect(event.cookies).toEqual(['session=abc', 'theme=dark']);
    expect(event.headers.cookie).toBeUndefined();
  });

  it('leaves cookies out when the request has none', async () => {
    await send(server.url);

    expect(recorder.last.event).not.toHaveProperty('cookies');
  });

  it('keeps the raw path and query and parses the query, joining repeated parameters', async () => {
    await send(server.url, { method: 'GET', path: '/hooks/run?name=Dana%20Levi&tag=a&tag=b' });

    const { event } = recorder.last;
    expect(event.rawPath).toBe('/hooks/run');
    expect(event.rawQueryString).toBe('name=Dana%20Levi&tag=a&tag=b');
    expect(event.queryStringParameters).toEqual({ name: 'Dana Levi', tag: 'a,b' });
    expect(event.requestContext.http).toMatchObject({ method: 'GET', path: '/hooks/run' });
  });

  it('leaves queryStringParameters out when there is no query', async () => {
    await send(server.url);

    expect(recorder.last.event.rawQueryString).toBe('');
    expect(recorder.last.event).not.toHaveProperty('queryStringParameters');
  });

  it('passes a JSON body as text', async () => {
    await send(server.url, { headers: { 'content-type': 'application/json' }, body: '{"a":"ü"}' });

    expect(recorder.last.event).toMatchObject({ body: '{"a":"ü"}', isBase64Encoded: false });
  });

  it('passes text of a +json media type as text', async () => {
    await send(server.url, {
      headers: { 'content-type': 'application/vnd.api+json; charset=utf-8' },
      body: '{}',
    });

    expect(recorder.last.event.isBase64Encoded).toBe(false);
  });

  it('base64-encodes a binary body and marks it so', async () => {
    const bytes = Buffer.from([0, 1, 2, 254, 255]);

    await send(server.url, { headers: { 'content-type': 'application/octet-stream' }, body: bytes });

    const { event } = recorder.last;
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
  });

  it('base64-encodes a body that has no content type', async () => {
    await send(server.url, { body: 'plain words' });

    expect(recorder.last.event).toMatchObject({
      body: Buffer.from('plain words').toString('base64'),
      isBase64Encoded: true,
    });
  });

  it('leaves the body out of a request without one', async () => {
    await send(server.url, { method: 'GET' });

    expect(recorder.last.event).not.toHaveProperty('body');
    expect(recorder.last.event.isBase64Encoded).toBe(false);
  });

  it('describes the caller in requestContext.http', async () => {
    await send(server.url, { headers: { 'user-agent': 'ReactorNetty/1.2.10' } });

    expect(recorder.last.event.requestContext.http).toEqual({
      method: 'POST',
      path: '/',
      protocol: 'HTTP/1.1',
      sourceIp: '127.0.0.1',
      userAgent: 'ReactorNetty/1.2.10',
    });
  });

  it('gives each request an id, in the event, the context and the answer', async () => {
    const answer = await send(server.url);

    const { event, context } = recorder.last;
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.awsRequestId).toBe(event.requestContext.requestId);
    expect(answer.headers['x-amzn-requestid']).toBe(event.requestContext.requestId);
  });

  it('stamps the request time in both of AWS’s formats', async () => {
    const before = Date.now();

    await send(server.url);

    const { time, timeEpoch } = recorder.last.event.requestContext;
    expect(timeEpoch).toBeGreaterThanOrEqual(before);
    expect(time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  });

  it('passes a context whose remaining time counts down from the configured timeout', async () => {
    await send(server.url);

    const { remainingAtStart, context } = recorder.last;
    expect(remainingAtStart).toBeLessThanOrEqual(3000);
    expect(remainingAtStart).toBeGreaterThan(2900);
    expect(context.functionName).toBe('biot-plugin-local');
  });
});
