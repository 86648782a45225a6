import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '../../src/function-url/limits.js';
import { type DevServer, type InvocationRecord, startDevServer } from '../../src/server/dev-server.js';
import type { FunctionHandler } from '../../src/server/invoke-handler.js';
import { send, sendRaw } from '../support/http-client.js';
import { capturingLog } from '../support/recording-handler.js';

// What AWS answers on the function's behalf, and that the dev server keeps serving after each.
describe('the dev server facing bad input', () => {
  let server: DevServer | undefined;
  const log = capturingLog();
  const records: InvocationRecord[] = [];

  const serve = async (handler: FunctionHandler, timeoutMs = 3000) => {
    server = await startDevServer({
      handler,
      timeoutMs,
      log,
      onInvocation: (record) => records.push(record),
    });
    return server;
  };
  const healthy: FunctionHandler = () => ({ ok: true });

  afterEach(async () => {
    await server?.close();
    records.length = 0;
    log.lines.length = 0;
  });

  it('refuses a body over 6 MB with 413 without calling the handler, and keeps serving', async () => {
    let calls = 0;
    const { url } = await serve(() => {
      calls += 1;
      return { ok: true };
    });

    const tooLarge = await send(url, {
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(MAX_PAYLOAD_BYTES + 1),
    });

    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.text)).toEqual({ message: 'Request Entity Too Large' });
    expect(calls).toBe(0);
    expect(records.at(-1)).toMatchObject({ status: 413, invoked: false, outcome: 'too-large' });
    expect((await send(url)).status).toBe(200);
  });

  it('refuses a chunked body with 413 once it passes 6 MB', async () => {
    const { url } = await serve(healthy);

    const tooLarge = await send(url, { body: Buffer.alloc(MAX_PAYLOAD_BYTES + 300_000), chunked: true });

    expect(tooLarge.status).toBe(413);
    expect((await send(url)).status).toBe(200);
  });

  it('accepts a body of exactly 6 MB', async () => {
    const { url } = await serve((event) => ({ length: (event as { body: string }).body.length }));

    const answer = await send(url, {
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(MAX_PAYLOAD_BYTES),
    });

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ length: MAX_PAYLOAD_BYTES });
  });

  it('answers a request that is not HTTP with 400, and keeps serving', async () => {
    const { url, port } = await serve(healthy);

    const answer = await sendRaw(port, 'HELLO THERE\r\n\r\n');

    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(log.lines.at(-1)).toContain('malformed HTTP request');
    expect((await send(url)).status).toBe(200);
  });

  it('answers headers over Node’s limit with 431, and keeps serving', async () => {
    const { url, port } = await serve(healthy);

    const answer = await sendRaw(port, `GET / HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`);

    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect((await send(url)).status).toBe(200);
  });

  it('answers a handler that throws with 502, logs the error, and keeps serving', async () => {
    let fail = true;
    const { url } = await serve(async () => {
      if (fail) throw new TypeError('Cannot read properties of undefined');
      return { ok: true };
    });

    const crashed = await send(url);
    fail = false;

    expect(crashed.status).toBe(502);
    expect(JSON.parse(crashed.text)).toEqual({ message: 'Internal Server Error' });
    expect(log.lines.at(-1)).toMatch(
      /the handler threw[\s\S]*TypeError: Cannot read properties of undefined/,
    );
    expect((await send(url)).status).toBe(200);
  });

  it('answers a handler that throws synchronously, or throws a non-error, with 502', async () => {
    const { url } = await serve(() => {
      throw 'a string';
    });

    expect((await send(url)).status).toBe(502);
    expect(log.lines.at(-1)).toContain('Non-error thrown: a string');
  });

  it('answers a handler that outlives the timeout with 502 "Task timed out", and keeps serving', async () => {
    let slow = true;
    const { url } = await serve(async () => {
      if (slow) await new Promise((resolve) => setTimeout(resolve, 1_000));
      return { ok: true };
    }, 150);

    const started = performance.now();
    const timedOut = await send(url);
    slow = false;

    expect(timedOut.status).toBe(502);
    expect(performance.now() - started).toBeLessThan(900);
    expect(log.lines.at(-1)).toContain('Task timed out after 0.15 seconds');
    expect(records.at(-1)).toMatchObject({ status: 502, outcome: 'timed-out' });
    expect((await send(url)).status).toBe(200);
  });

  it('answers a result it cannot turn into a response with 502', async () => {
    const { url } = await serve(() => ({ statusCode: 99 }));

    expect((await send(url)).status).toBe(502);
    expect(records.at(-1)).toMatchObject({ outcome: 'invalid-result' });
  });
});
