import { describe, expect, it } from 'vitest';
import { HookBlockedError, InvalidHookResultError, ScopeError } from '../../src/errors.js';
import { errorResponse, successResponse } from '../../src/respond/respond.js';

const trace = {
  traceparent: '00-691d9a7ec2ebb8ad236b56d739c4c17f-ff435abc75711595-00',
  traceId: '691d9a7ec2ebb8ad236b56d739c4c17f',
};
const identity = { appName: 'My Plugin', environment: 'gen2int' };

describe('successResponse', () => {
  it('answers a notification with 200, no body and the traceparent', () => {
    expect(successResponse(undefined, trace)).toEqual({
      statusCode: 200,
      headers: { traceparent: trace.traceparent },
    });
  });

  it('answers with a JSON string body and its content type', () => {
    const response = successResponse({ request: { path: '/x' } }, trace);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body ?? '')).toEqual({ request: { path: '/x' } });
  });
});

describe('errorResponse', () => {
  it('gives a typed error its status and BioT’s error body as a string', () => {
    const response = errorResponse(new ScopeError('PLUGIN_INTERCEPTOR'), trace, identity);
    expect(response.statusCode).toBe(403);
    expect(typeof response.body).toBe('string');
    expect(JSON.parse(response.body ?? '')).toEqual({
      code: 'JWT_SCOPE_MISSING',
      message: 'The token lacks the required scope PLUGIN_INTERCEPTOR',
      serviceName: 'My Plugin',
      traceId: trace.traceId,
      environment: 'gen2int',
      details: { requiredScope: 'PLUGIN_INTERCEPTOR' },
    });
  });

  it('passes a hook’s block through with its status, code and message', () => {
    const response = errorResponse(new HookBlockedError(409, 'DUPLICATE', 'Already there'), trace, identity);
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body ?? '')).toMatchObject({ code: 'DUPLICATE', message: 'Already there' });
  });

  it('hides an unexpected error behind a generic 500', () => {
    const response = errorResponse(new Error('db password is hunter2'), trace, identity);
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('hunter2');
    expect(JSON.parse(response.body ?? '')).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', details: {} });
  });

  it('gives an invalid hook result a generic message', () => {
    const response = errorResponse(
      new InvalidHookResultError('interceptorPre returned request.path'),
      trace,
      identity,
    );
    expect(JSON.parse(response.body ?? '')).toMatchObject({
      code: 'INVALID_HOOK_RESULT',
      message: 'The plugin produced an invalid result',
    });
  });

  it('hides a thrown non-Error value too', () => {
    expect(errorResponse('boom', trace, identity).statusCode).toBe(500);
  });
});
