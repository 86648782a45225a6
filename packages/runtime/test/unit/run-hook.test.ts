import { newTrace } from '@biot-plugin/core';
import { describe, expect, it } from 'vitest';
import { HookBlockedError, HookNotImplementedError, InvalidHookResultError } from '../../src/errors.js';
import type { IncomingEvent } from '../../src/event/incoming-event.js';
import type {
  AdaptEntityBody,
  NotificationBody,
  PostRequestBody,
  PreRequestBody,
} from '../../src/event/schemas.js';
import { block } from '../../src/hook-api/blocked.js';
import type { HookContext } from '../../src/hook-api/hook-context.js';
import type { PluginHooks } from '../../src/hook-api/hooks.js';
import { createLogger, invocationLogger } from '../../src/log/logger.js';
import { runHook } from '../../src/pipeline/run-hook.js';
import { adaptEntityBody, notificationBody, postBody, preBody } from '../support/bodies.js';

/** A whole context: the hooks here call no BioT API, so every BioT call fails loudly. */
const noBiotCall = () => Promise.reject(new Error('run-hook tests call no BioT API'));
const trace = newTrace();
const context: HookContext = {
  biot: {
    request: noBiotCall,
    search: noBiotCall,
    getEntity: noBiotCall,
    patchEntity: noBiotCall,
    get: noBiotCall,
    post: noBiotCall,
    put: noBiotCall,
    patch: noBiotCall,
    delete: noBiotCall,
  },
  logger: invocationLogger(
    createLogger({ appName: 'run-hook-test', environment: 'test', logLevel: 'SILENT' }),
    trace.traceId,
  ),
  trace,
  signal: new AbortController().signal,
  remainingTimeMs: () => 3000,
};
const passThrough: PluginHooks = {
  notification: () => undefined,
  preRequest: (event) => event.body.request,
  postRequest: (event) => event.body.response,
  adaptEntity: (event) => event.body.response,
  scheduled: () => undefined,
};

const pre = {
  hook: 'preRequest',
  body: preBody() as PreRequestBody,
  headers: {},
  token: 't',
} as const;
const post = {
  hook: 'postRequest',
  body: postBody() as PostRequestBody,
  headers: {},
  token: 't',
} as const;
const adapt = {
  hook: 'adaptEntity',
  body: adaptEntityBody() as AdaptEntityBody,
  headers: {},
  token: 't',
} as const;

async function failure(event: IncomingEvent, hooks: Partial<PluginHooks>): Promise<unknown> {
  return runHook(event, { ...passThrough, ...hooks }, context).then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('runHook', () => {
  it('wraps a PRE hook’s request as {request}, keeping fields it does not know', async () => {
    const answer = await runHook(pre, passThrough, context);
    expect(answer).toEqual({ request: preBody().request });
  });

  it('wraps a POST hook’s response as {response}', async () => {
    expect(await runHook(post, passThrough, context)).toEqual({ response: postBody().response });
  });

  it('wraps an ADAPT_ENTITY hook’s response as {response}', async () => {
    expect(await runHook(adapt, passThrough, context)).toEqual({ response: adaptEntityBody().response });
  });

  it('answers a notification with no body', async () => {
    const event = {
      hook: 'notification',
      body: notificationBody('t') as NotificationBody,
      headers: {},
      token: 't',
    } as const;
    expect(await runHook(event, passThrough, context)).toBeUndefined();
  });

  it('turns block() into a HookBlockedError with the chosen status and code', async () => {
    const error = await failure(pre, { preRequest: () => block(403, 'ACCESS_DENIED', 'No.') });
    expect(error).toBeInstanceOf(HookBlockedError);
    expect(error).toMatchObject({ status: 403, code: 'ACCESS_DENIED', message: 'No.' });
  });

  it.each([200, 302, 600, 403.5])('refuses to block with status %s', async (status) => {
    const error = await failure(pre, { preRequest: () => block(status, 'X', 'x') });
    expect(error).toBeInstanceOf(InvalidHookResultError);
  });

  it.each([
    ['undefined', undefined],
    ['a string', 'request'],
    ['a request without path', { queryParameters: {}, headers: {} }],
  ])('refuses a PRE result that is %s', async (_case, result) => {
    const error = await failure(pre, { preRequest: () => result as never });
    expect(error).toBeInstanceOf(InvalidHookResultError);
  });

  it('refuses an ADAPT_ENTITY result without an entities array', async () => {
    const error = await failure(adapt, { adaptEntity: () => ({ entities: 'none' }) as never });
    expect(error).toBeInstanceOf(InvalidHookResultError);
  });

  it('refuses a scheduled hook that returns a bare value', async () => {
    const event = {
      hook: 'scheduled',
      source: 'invoke',
      body: {},
      headers: {},
      token: undefined,
    } as const;
    const error = await failure(event, { scheduled: () => 42 });
    expect(error).toBeInstanceOf(InvalidHookResultError);
  });

  it('answers an event for a hook the plugin lacks with 404 HOOK_NOT_IMPLEMENTED, naming it', async () => {
    const { postRequest: _, ...withoutPost } = passThrough;
    const error = await runHook(post, withoutPost, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookNotImplementedError);
    expect(error).toMatchObject({
      status: 404,
      code: 'HOOK_NOT_IMPLEMENTED',
      details: { hook: 'postRequest', hooktype: 'INTERCEPTOR_POST' },
    });
  });

  it('hands on the very object a PRE hook returned, keys such as constructor and prototype kept', async () => {
    const request = JSON.parse(
      '{"path":"/p","queryParameters":{},"headers":{},"constructor":{"a":1},"prototype":2,"__proto__":{"x":1}}',
    ) as never;
    const answer = await runHook(pre, { ...passThrough, preRequest: () => request }, context);
    expect(JSON.stringify(answer)).toBe(JSON.stringify({ request }));
  });
});
