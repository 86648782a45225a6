import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsOperation, type RecordingProxy, startRecordingProxy } from '../../src/recording-proxy.js';

let target: Server;
let proxy: RecordingProxy;

beforeAll(async () => {
  // An echo server: answers 201 with the method, path and body it received.
  target = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-echo': 'yes' });
      res.end(JSON.stringify({ method: req.method, url: req.url, body: Buffer.concat(chunks).toString() }));
    });
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  proxy = await startRecordingProxy(`http://127.0.0.1:${(target.address() as AddressInfo).port}`);
});

afterAll(async () => {
  await proxy.close();
  await new Promise((resolve) => target.close(resolve));
});

describe('the recording proxy', () => {
  it('passes a request and its answer through unchanged and records the request', async () => {
    const answer = await fetch(`${proxy.url}/a/b?c=1`, {
      method: 'POST',
      headers: { 'x-amz-target': 'secretsmanager.GetSecretValue', authorization: 'Bearer t0k' },
      body: '{"SecretId":"s"}',
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-echo')).toBe('yes');
    expect(await answer.json()).toEqual({ method: 'POST', url: '/a/b?c=1', body: '{"SecretId":"s"}' });
    const last = proxy.requests().at(-1);
    expect(last).toMatchObject({ method: 'POST', url: '/a/b?c=1', headers: { authorization: 'Bearer t0k' } });
    expect(last && awsOperation(last)).toBe('secretsmanager.GetSecretValue');
  });

  it('cuts connections while down, records nothing, and passes requests again once up', async () => {
    const before = proxy.requests().length;
    proxy.setDown(true);
    await expect(fetch(`${proxy.url}/down`)).rejects.toThrow();
    expect(proxy.requests()).toHaveLength(before);
    proxy.setDown(false);
    expect((await fetch(`${proxy.url}/up`)).status).toBe(201);
    expect(proxy.requests()).toHaveLength(before + 1);
  });
});
