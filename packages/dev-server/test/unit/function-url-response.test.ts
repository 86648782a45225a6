import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevServer, startDevServer } from '../../src/server/dev-server.js';
import { send } from '../support/http-client.js';
import { capturingLog } from '../support/recording-handler.js';

// What the caller gets for what the handler returns: AWS's Function URL response rules.
describe('the response the dev server makes of a handler result', () => {
  let result: unknown;
  const log = capturingLog();
  let server: DevServer;

  beforeAll(async () => {
    server = await startDevServer({ handler: async () => result, log });
  });
  afterAll(() => server.close());

  const answerTo = async (value: unknown) => {
    result = value;
    return send(server.url);
  };

  it('sends an object without statusCode as a 200 JSON body', async () => {
    const answer = await answerTo({ enabledPatients: 2 });

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer.text)).toEqual({ enabledPatients: 2 });
  });

  it('sends a string as a 200 JSON string', async () => {
    const answer = await answerTo('Hello, world!');

    expect(answer.status).toBe(200);
    expect(answer.text).toBe('"Hello, world!"');
  });

  it('sends a number as a 200 JSON number', async () => {
    expect((await answerTo(42)).text).toBe('42');
  });

  it('sends nothing returned as a 200 null', async () => {
    const answer = await answerTo(undefined);

    expect(answer.status).toBe(200);
    expect(answer.text).toBe('null');
  });

  it('takes an object with statusCode as the response: status, headers and body', async () => {
    const answer = await answerTo({
      statusCode: 403,
      headers: { 'Content-Type': 'application/json', traceparent: '00-a-b-00', 'x-count': 3 },
      body: '{"code":"ACCESS_DENIED"}',
    });

    expect(answer.status).toBe(403);
    expect(answer.headers).toMatchObject({
      'content-type': 'application/json',
      traceparent: '00-a-b-00',
      'x-count': '3',
    });
    expect(answer.text).toBe('{"code":"ACCESS_DENIED"}');
  });

  it('sends each cookie as its own set-cookie header', async () => {
    const answer = await answerTo({ statusCode: 200, cookies: ['a=1; Max-Age=60', 'b=2'] });

    expect(answer.headers['set-cookie']).toEqual(['a=1; Max-Age=60', 'b=2']);
  });

  it('decodes a body marked isBase64Encoded into bytes', async () => {
    const bytes = Buffer.from([0, 128, 255]);

    const answer = await answerTo({
      statusCode: 200,
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes.toString('base64'),
      isBase64Encoded: true,
    });

    expect(answer.body).toEqual(bytes);
  });

  it('answers a statusCode with no body with an empty body and no content type', async () => {
    const answer = await answerTo({ statusCode: 200, headers: { traceparent: '00-a-b-00' } });

    expect(answer.text).toBe('');
    expect(answer.headers['content-type']).toBeUndefined();
  });

  it('defaults the content type of a body to application/json', async () => {
    const answer = await answerTo({ statusCode: 201, body: '{}' });

    expect(answer.headers['content-type']).toBe('application/json');
  });

  it('sends a body that is not a string as JSON, and warns that AWS documents a string', async () => {
    const answer = await answerTo({ statusCode: 400, body: { code: 'NO_DATA' } });

    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ code: 'NO_DATA' });
    expect(log.lines.at(-1)).toContain('the result body is not a string');
  });

  it('answers 502 for a statusCode AWS cannot use', async () => {
    const answer = await answerTo({ statusCode: '200', body: 'ok' });

    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.text)).toEqual({ message: 'Internal Server Error' });
    expect(log.lines.at(-1)).toContain('statusCode must be an integer');
  });

  it('answers 502 for a body marked base64 that is not', async () => {
    expect((await answerTo({ statusCode: 200, body: 'not base64!', isBase64Encoded: true })).status).toBe(
      502,
    );
  });
});
