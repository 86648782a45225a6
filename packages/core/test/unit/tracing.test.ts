import { describe, expect, it } from 'vitest';
import { createTracing, noTracing, routeTemplate } from '../../src/tracing/tracing.js';
import { daemonAddress, traceHeader } from '../../src/tracing/xray-subsegments.js';

const CALL = {
  method: 'GET',
  route: '/x',
  baseUrl: 'http://127.0.0.1:1',
  spanId: '1234567890abcdef',
  traceId: '691d9a7ec2ebb8ad236b56d739c4c17f',
};

describe('createTracing', () => {
  it('is a silent no-op outside Lambda', () => {
    const tracing = createTracing({
      env: { _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1' },
    });
    expect(tracing).toBe(noTracing);
    expect(() => tracing.startCall(CALL).end(200)).not.toThrow();
  });

  it('is a no-op in Lambda when tracing is turned off', () => {
    const tracing = createTracing({
      env: { AWS_LAMBDA_FUNCTION_NAME: 'fn', POWERTOOLS_TRACE_ENABLED: 'false' },
    });
    expect(tracing).toBe(noTracing);
  });

  it('never throws when the invocation has no X-Ray context or the daemon address is junk', () => {
    const tracing = createTracing({
      env: { AWS_LAMBDA_FUNCTION_NAME: 'fn', AWS_XRAY_DAEMON_ADDRESS: 'not an address' },
    });
    expect(() => tracing.startCall(CALL).end('network')).not.toThrow();
  });
});

describe('the invocation’s X-Ray context (_X_AMZN_TRACE_ID)', () => {
  it('takes the root and the parent of a sampled invocation', () => {
    expect(
      traceHeader('Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a:1'),
    ).toEqual({ traceId: '1-5759e988-bd862e3fe1be46a994272793', parentId: '53995c3f42cd8ad8' });
  });

  it.each([
    ['an unsampled invocation', 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0'],
    ['a sampling decision left open', 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8'],
    ['no parent', 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1'],
    ['a malformed root', 'Root=1-xyz;Parent=53995c3f42cd8ad8;Sampled=1'],
    ['nothing', undefined],
  ])('sends nothing for %s', (_case, value) => {
    expect(traceHeader(value)).toBeUndefined();
  });
});

describe('the X-Ray daemon’s address (AWS_XRAY_DAEMON_ADDRESS)', () => {
  it.each([
    ['169.254.79.129:2000', { host: '169.254.79.129', port: 2000 }],
    ['udp:127.0.0.1:3000 tcp:127.0.0.1:2000', { host: '127.0.0.1', port: 3000 }],
    ['tcp:127.0.0.1:2000 udp:10.0.0.1:2001', { host: '10.0.0.1', port: 2001 }],
    ['[::1]:2000', { host: '::1', port: 2000 }],
    [undefined, { host: '127.0.0.1', port: 2000 }],
    ['garbage', { host: '127.0.0.1', port: 2000 }],
    ['127.0.0.1:99999', { host: '127.0.0.1', port: 2000 }],
  ])('reads %s', (value, expected) => {
    expect(daemonAddress(value)).toEqual(expected);
  });
});

describe('routeTemplate', () => {
  it('keeps the caller’s route template', () => {
    expect(
      routeTemplate({
        route: '/organization/v1/users/patients/{id}',
        path: '/organization/v1/users/patients/72b6',
      }),
    ).toBe('/organization/v1/users/patients/{id}');
  });

  it('replaces whatever may be an id in a path without one, keeping words and versions', () => {
    expect(
      routeTemplate({ path: '/device/v2/devices/device-001/commands/4b0f7c1e-9d3a-4c53-a1f0-2f7cbd1b2e11' }),
    ).toBe('/device/v2/devices/{id}/commands/{id}');
    expect(routeTemplate({ path: '/ums/v2/services/accessToken' })).toBe('/ums/v2/services/accessToken');
  });
});
