import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BiotEmulator, startBiotEmulator } from '../../src/index.js';
import { biotError, call } from '../support/http-client.js';
import { writeTestKeyFile } from '../support/test-key-file.js';

const PLUGIN = { id: 'dea7da00-1bce-44aa-8f8d-6027eb7aa536', secretKey: 'plugin-secret' };
const LOGIN_ROUTE = 'POST /ums/v2/services/accessToken';
const PUBLIC_KEY_ROUTE = 'GET /ums/v1/security/public-key';

describe('fault injection', () => {
  const keyFile = writeTestKeyFile();
  let emulator: BiotEmulator;

  const loginCall = () => call(emulator, 'POST', '/ums/v2/services/accessToken', { body: PLUGIN });
  const publicKeyCall = () => call(emulator, 'GET', '/ums/v1/security/public-key');

  beforeAll(async () => {
    emulator = await startBiotEmulator({ keyFile, serviceUsers: [PLUGIN] });
  });
  beforeEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('answers an injected status with a BioT error body whose code names the status', async () => {
    emulator.injectFault({ route: LOGIN_ROUTE, status: 504 });

    const answer = await loginCall();

    expect(answer.status).toBe(504);
    expect(answer.json).toEqual(biotError('GATEWAY_TIMEOUT'));
  });

  it('answers an injected status with the given body', async () => {
    const body = {
      code: 'SERVICE_LOCKED',
      message: 'locked',
      serviceName: 'ums',
      traceId: 'a07a7e532f3541d8',
    };
    emulator.injectFault({ route: LOGIN_ROUTE, status: 401, body });

    const answer = await loginCall();

    expect(answer.status).toBe(401);
    expect(answer.json).toEqual(body);
  });

  it('sends a string body as-is, like a proxy’s error page', async () => {
    emulator.injectFault({ route: PUBLIC_KEY_ROUTE, status: 502, body: '<html>Bad Gateway</html>' });

    const response = await fetch(`${emulator.url}/ums/v1/security/public-key`);

    expect(response.status).toBe(502);
    expect(await response.text()).toBe('<html>Bad Gateway</html>');
  });

  it('applies a fault once by default, then serves normally', async () => {
    emulator.injectFault({ route: LOGIN_ROUTE, status: 500 });

    const first = await loginCall();
    const second = await loginCall();

    expect([first.status, second.status]).toEqual([500, 200]);
  });

  it('applies a fault the given number of times', async () => {
    emulator.injectFault({ route: LOGIN_ROUTE, status: 503, times: 2 });

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await loginCall()).status);

    expect(statuses).toEqual([503, 503, 200]);
  });

  it('applies a fault with times Infinity until reset', async () => {
    emulator.injectFault({ route: PUBLIC_KEY_ROUTE, status: 500, times: Number.POSITIVE_INFINITY });

    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await publicKeyCall()).status);
    emulator.reset();
    const afterReset = await publicKeyCall();

    expect(statuses).toEqual([500, 500, 500, 500]);
    expect(afterReset.status).toBe(200);
  });

  it('leaves other routes alone', async () => {
    emulator.injectFault({ route: LOGIN_ROUTE, status: 500 });

    const answer = await publicKeyCall();

    expect(answer.status).toBe(200);
  });

  it('matches a route template against concrete paths', async () => {
    emulator.injectFault({ route: 'GET /organization/v1/users/patients/{id}', status: 503 });

    const answer = await call(emulator, 'GET', '/organization/v1/users/patients/anyone');

    expect(answer.status).toBe(503);
  });

  it('applies a * fault to any BioT route but never to the admin API', async () => {
    emulator.injectFault({ route: '*', status: 500, times: 2 });

    const admin = await call(emulator, 'GET', '/_emulator/stats');
    const api = await publicKeyCall();

    expect(admin.status).toBe(200);
    expect(api.status).toBe(500);
  });

  it('delays the answer by latencyMs and then serves normally', async () => {
    emulator.injectFault({ route: PUBLIC_KEY_ROUTE, latencyMs: 80 });

    const started = performance.now();
    const answer = await publicKeyCall();
    const elapsed = performance.now() - started;

    expect(answer.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(75);
  });

  it('combines latency with an injected status', async () => {
    emulator.injectFault({ route: LOGIN_ROUTE, latencyMs: 50, status: 500 });

    const started = performance.now();
    const answer = await loginCall();

    expect(answer.status).toBe(500);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('drops the connection without an answer', async () => {
    emulator.injectFault({ route: LOGIN_ROUTE, drop: true });

    await expect(loginCall()).rejects.toThrow(/fetch failed/);
    expect(emulator.requests.at(-1)).toMatchObject({ route: LOGIN_ROUTE, status: 0 });
  });

  it('hangs a request until the client gives up', async () => {
    emulator.injectFault({ route: PUBLIC_KEY_ROUTE, hang: true });

    const attempt = fetch(`${emulator.url}/ums/v1/security/public-key`, { signal: AbortSignal.timeout(50) });

    await expect(attempt).rejects.toThrow(/aborted|timeout/i);
    expect((await publicKeyCall()).status).toBe(200);
  });

  it('closes promptly while a request hangs, cutting it off', async () => {
    const hanging = await startBiotEmulator({ keyFile, seed: false });
    hanging.injectFault({ route: PUBLIC_KEY_ROUTE, hang: true });
    const attempt = fetch(`${hanging.url}/ums/v1/security/public-key`);
    await new Promise((resolve) => setTimeout(resolve, 30));

    const started = performance.now();
    await hanging.close();

    expect(performance.now() - started).toBeLessThan(500);
    await expect(attempt).rejects.toThrow();
  });

  it('closes promptly while a latency fault is pending', async () => {
    const slow = await startBiotEmulator({ keyFile, seed: false });
    slow.injectFault({ route: PUBLIC_KEY_ROUTE, latencyMs: 60_000 });
    const attempt = fetch(`${slow.url}/ums/v1/security/public-key`);
    await new Promise((resolve) => setTimeout(resolve, 30));

    const started = performance.now();
    await slow.close();

    expect(performance.now() - started).toBeLessThan(500);
    await expect(attempt).rejects.toThrow();
  });

  it('applies several faults on one route first in, first out', async () => {
    emulator.injectFault({ route: LOGIN_ROUTE, status: 500 });
    emulator.injectFault({ route: LOGIN_ROUTE, status: 503 });

    const statuses = [(await loginCall()).status, (await loginCall()).status, (await loginCall()).status];

    expect(statuses).toEqual([500, 503, 200]);
  });

  it.each([
    [{ route: 'login', status: 500 }, /route/],
    [{ route: LOGIN_ROUTE }, /needs an effect/],
    [{ route: LOGIN_ROUTE, status: 99 }, /status/],
    [{ route: LOGIN_ROUTE, status: 500, times: 0 }, /times/],
    [{ route: LOGIN_ROUTE, hang: true, drop: true }, /not several/],
    [{ route: LOGIN_ROUTE, body: {} }, /needs a status/],
  ])('refuses the fault spec %j', (spec, message) => {
    expect(() => emulator.injectFault(spec)).toThrow(message);
  });
});
