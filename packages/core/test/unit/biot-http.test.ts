import { serveOnLoopback } from '@biot-plugin/test-support/loopback-server';
import { json, type Responder, startScriptedServer } from '@biot-plugin/test-support/scripted-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BiotApiError,
  BiotTimeoutError,
  BiotUnreachableError,
  ConfigurationError,
} from '../../src/errors.js';
import { type BiotCallObservation, BiotHttp } from '../../src/http/biot-http.js';
import { MAX_ANSWER_BYTES } from '../../src/http/node-transport.js';
import { noTracing } from '../../src/tracing/tracing.js';

const TRACEPARENT = '00-691d9a7ec2ebb8ad236b56d739c4c17f-ff435abc75711595-00';
let close: (() => Promise<void>) | undefined;

afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(responder: Responder) {
  const server = await startScriptedServer(responder);
  close = server.close;
  return {
    server,
    http: new BiotHttp({ baseUrl: server.url, timeoutMs: 2_000, retryLimit: 2, tracing: noTracing }),
  };
}

const inOneMinute = () => Date.now() + 60_000;

describe('BiotHttp', () => {
  it('sends the caller’s trace with a span id of the call’s own, the caller’s headers, and parses the JSON answer', async () => {
    const { server, http } = await serve((_req, res) => json(res, 200, { ok: true }));
    const answer = await http.call({
      method: 'GET',
      path: '/organization/v1/users/patients',
      searchParams: { searchRequest: '{"limit":1}' },
      headers: { authorization: 'Bearer service-token' },
      deadline: inOneMinute(),
      traceparent: TRACEPARENT,
    });
    expect(answer).toEqual({ ok: true });
    const sent = String(server.seen[0]?.headers.traceparent);
    expect(sent).toMatch(/^00-691d9a7ec2ebb8ad236b56d739c4c17f-[0-9a-f]{16}-00$/);
    expect(sent).not.toBe(TRACEPARENT);
    expect(server.seen[0]?.headers.authorization).toBe('Bearer service-token');
    expect(server.seen[0]?.url).toBe('/organization/v1/users/patients?searchRequest=%7B%22limit%22%3A1%7D');
  });

  it('gives every call a span of its own, kept across the retries of one call', async () => {
    let answered = 0;
    const { server, http } = await serve((_req, res) => {
      answered += 1;
      json(res, answered === 1 ? 503 : 200, {});
    });
    const call = { method: 'GET' as const, path: '/x', deadline: inOneMinute(), traceparent: TRACEPARENT };
    await http.call(call);
    await http.call(call);
    const spans = server.seen.map((request) => String(request.headers.traceparent).split('-')[2]);
    expect(spans).toHaveLength(3);
    expect(spans[0]).toBe(spans[1]);
    expect(spans[2]).not.toBe(spans[0]);
  });

  it('starts a new trace for a caller whose traceparent is not valid W3C', async () => {
    const { server, http } = await serve((_req, res) => json(res, 200, {}));
    await http.call({ method: 'GET', path: '/x', deadline: inOneMinute(), traceparent: 'junk' });
    expect(server.seen[0]?.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('turns BioT’s error body into a BiotApiError with status and code', async () => {
    const { http } = await serve((_req, res) =>
      json(res, 404, { code: 'PATIENT_NOT_FOUND', message: 'nope' }),
    );
    const error = await http
      .call({
        method: 'GET',
        path: '/x/1',
        route: '/x/{id}',
        deadline: inOneMinute(),
        traceparent: TRACEPARENT,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BiotApiError);
    expect(error).toMatchObject({ upstreamStatus: 404, upstreamCode: 'PATIENT_NOT_FOUND', status: 502 });
  });

  it('retries a GET answered 503 and succeeds', async () => {
    let calls = 0;
    const { http } = await serve((_req, res) => {
      calls += 1;
      if (calls < 3) json(res, 503, { code: 'UNAVAILABLE' });
      else json(res, 200, { ok: calls });
    });
    await expect(
      http.call({ method: 'GET', path: '/x', deadline: inOneMinute(), traceparent: TRACEPARENT }),
    ).resolves.toEqual({ ok: 3 });
  });

  it('does not retry a PATCH, which is not idempotent', async () => {
    const { server, http } = await serve((_req, res) => json(res, 503, { code: 'UNAVAILABLE' }));
    await expect(
      http.call({ method: 'PATCH', path: '/x', json: {}, deadline: inOneMinute(), traceparent: TRACEPARENT }),
    ).rejects.toBeInstanceOf(BiotApiError);
    expect(server.seen).toHaveLength(1);
  });

  it('retries a POST marked safe to repeat, up to the retry limit', async () => {
    const { server, http } = await serve((_req, res) => json(res, 500, { code: 'BOOM' }));
    await expect(
      http.call({
        method: 'POST',
        path: '/x',
        json: {},
        retry: 'always',
        deadline: inOneMinute(),
        traceparent: TRACEPARENT,
      }),
    ).rejects.toMatchObject({ upstreamStatus: 500 });
    expect(server.seen).toHaveLength(3);
  });

  it('gives up with BIOT_TIMEOUT when BioT hangs past the deadline', async () => {
    const { http } = await serve(() => {
      /* never answers */
    });
    const started = Date.now();
    const error = await http
      .call({ method: 'GET', path: '/x', deadline: Date.now() + 300, traceparent: TRACEPARENT })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BiotTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('reports BIOT_UNREACHABLE when nothing listens', async () => {
    const { server, http } = await serve((_req, res) => json(res, 200, {}));
    await server.close();
    const error = await http
      .call({ method: 'GET', path: '/x', deadline: inOneMinute(), traceparent: TRACEPARENT })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BiotUnreachableError);
  });

  it('does not call at all when the deadline has passed', async () => {
    const { server, http } = await serve((_req, res) => json(res, 200, {}));
    await expect(
      http.call({ method: 'GET', path: '/x', deadline: Date.now() - 1, traceparent: TRACEPARENT }),
    ).rejects.toBeInstanceOf(BiotTimeoutError);
    expect(server.seen).toHaveLength(0);
  });

  it('refuses to call without BIOT_BASE_URL', async () => {
    const http = new BiotHttp({ baseUrl: undefined, timeoutMs: 1_000, retryLimit: 0, tracing: noTracing });
    await expect(
      http.call({ method: 'GET', path: '/x', deadline: inOneMinute(), traceparent: TRACEPARENT }),
    ).rejects.toBeInstanceOf(ConfigurationError);
  });
});

describe('BiotHttp with a fractional deadline', () => {
  it('calls BioT normally instead of failing on a non-integer time budget', async () => {
    const server = await startScriptedServer((_req, res) => json(res, 200, { ok: true }));
    close = server.close;
    const http = new BiotHttp({ baseUrl: server.url, timeoutMs: 2_000, retryLimit: 0, tracing: noTracing });
    await expect(
      http.call({ method: 'GET', path: '/x', deadline: Date.now() + 1_000.5, traceparent: TRACEPARENT }),
    ).resolves.toEqual({ ok: true });
  });
});

describe('BiotHttp observed for metrics', () => {
  async function observed(responder: Responder, retryLimit = 2) {
    const server = await startScriptedServer(responder);
    close = server.close;
    const observations: BiotCallObservation[] = [];
    const http = new BiotHttp({
      baseUrl: server.url,
      timeoutMs: 2_000,
      retryLimit,
      tracing: noTracing,
      onCall: (observation) => observations.push(observation),
    });
    return { http, observations };
  }
  const getPatient = {
    method: 'GET',
    path: '/organization/v1/users/patients/4a2b',
    route: '/organization/v1/users/patients/{id}',
    traceparent: TRACEPARENT,
  } as const;

  it('tells one observation per call, by route template, with the status BioT answered', async () => {
    const { http, observations } = await observed((_req, res) => json(res, 201, { ok: true }));

    await http.call({ ...getPatient, deadline: inOneMinute() });

    expect(observations).toEqual([
      {
        method: 'GET',
        route: '/organization/v1/users/patients/{id}',
        status: 201,
        durationMs: expect.any(Number),
        attempts: 1,
      },
    ]);
  });

  it('counts the retries of a call into its one observation', async () => {
    let calls = 0;
    const { http, observations } = await observed((_req, res) => {
      calls += 1;
      if (calls < 3) json(res, 503, { code: 'UNAVAILABLE' });
      else json(res, 200, {});
    });

    await http.call({ ...getPatient, deadline: inOneMinute() });

    expect(observations).toMatchObject([{ status: 200, attempts: 3 }]);
  });

  it('tells the upstream status of a refused call, and how a call failed without one', async () => {
    const { http, observations } = await observed((req, res) => {
      if (req.url?.includes('gone')) json(res, 404, { code: 'NOT_FOUND' });
      // Otherwise never answers: the deadline ends the call.
    }, 0);

    await http.call({ ...getPatient, path: '/gone', deadline: inOneMinute() }).catch(() => {});
    await http.call({ ...getPatient, deadline: Date.now() + 200 }).catch(() => {});

    expect(observations.map((observation) => observation.status)).toEqual([404, 'timeout']);
  });

  it('never fails a call because its observer throws', async () => {
    const server = await startScriptedServer((_req, res) => json(res, 200, { ok: true }));
    close = server.close;
    const http = new BiotHttp({
      baseUrl: server.url,
      tracing: noTracing,
      onCall: () => {
        throw new Error('metrics broke');
      },
    });

    await expect(http.call({ ...getPatient, deadline: inOneMinute() })).resolves.toEqual({ ok: true });
  });
});

describe('BiotHttp on node:http', () => {
  it('sends a JSON body below a base URL with a path, and keeps the connection for the next call', async () => {
    const ports: number[] = [];
    const server = await serveOnLoopback((req, res) => {
      ports.push(req.socket.remotePort ?? 0);
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            url: req.url,
            type: req.headers['content-type'],
            body: Buffer.concat(chunks).toString(),
          }),
        );
      });
    });
    close = server.close;
    const http = new BiotHttp({ baseUrl: `${server.url}/api/`, tracing: noTracing });
    const post = {
      method: 'POST',
      path: '/x',
      json: { a: 'ü' },
      deadline: inOneMinute(),
      traceparent: TRACEPARENT,
    } as const;

    const first = await http.call(post);
    await http.call(post);

    expect(first).toEqual({ url: '/api/x', type: 'application/json', body: '{"a":"ü"}' });
    expect(ports[1]).toBe(ports[0]);
  });

  it('never leaves the base URL, whatever the path looks like', async () => {
    const { server, http } = await serve((_req, res) => json(res, 200, {}));
    await http.call({
      method: 'GET',
      path: '//evil.example/x',
      deadline: inOneMinute(),
      traceparent: TRACEPARENT,
    });
    await http.call({
      method: 'GET',
      path: 'http://evil.example/y',
      deadline: inOneMinute(),
      traceparent: TRACEPARENT,
    });
    expect(server.seen.map((request) => request.url)).toEqual(['/evil.example/x', '/http://evil.example/y']);
  });

  it('refuses an answer bigger than the cap with a clear error, announced or streamed', async () => {
    const { http } = await serve((req, res) => {
      if (req.url === '/announced') {
        res.writeHead(200, { 'content-length': String(MAX_ANSWER_BYTES + 1) });
        res.write('{');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(Buffer.alloc(MAX_ANSWER_BYTES + 1, 0x20));
      }
    });
    for (const path of ['/announced', '/streamed']) {
      const error = await http
        .call({ method: 'GET', path, deadline: inOneMinute(), traceparent: TRACEPARENT })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BiotApiError);
      expect(error).toMatchObject({ upstreamStatus: 200, upstreamCode: 'ANSWER_TOO_LARGE' });
      expect((error as Error).message).toBe(`BioT answered 200 ANSWER_TOO_LARGE to GET ${path}`);
    }
  });

  it('reports BIOT_UNREACHABLE when the connection dies in the middle of the answer', async () => {
    const { server, http } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"partial":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const error = await http
      .call({ method: 'GET', path: '/x', deadline: inOneMinute(), traceparent: TRACEPARENT })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BiotUnreachableError);
    // Unreachable is transient: the GET was tried three times.
    expect(server.seen).toHaveLength(3);
  });

  it('ends an answer that trickles past the deadline with BIOT_TIMEOUT', async () => {
    const { http } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const drip = setInterval(() => (res.writable ? res.write(' ') : clearInterval(drip)), 20);
      res.on('close', () => clearInterval(drip));
    });
    const started = Date.now();
    const error = await http
      .call({ method: 'GET', path: '/x', deadline: Date.now() + 300, traceparent: TRACEPARENT })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BiotTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('opens a fresh connection when BioT closed the idle keep-alive one', async () => {
    let calls = 0;
    const { http } = await serve((_req, res) => {
      calls += 1;
      // The first answer promises keep-alive, then the server drops the socket once it is idle.
      json(res, 200, { calls });
      res.on('finish', () => setTimeout(() => res.socket?.destroy(), 10));
    });
    const get = { method: 'POST', path: '/x', json: {}, traceparent: TRACEPARENT } as const;
    await http.call({ ...get, deadline: inOneMinute() });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(http.call({ ...get, deadline: inOneMinute() })).resolves.toEqual({ calls: 2 });
  });
});
