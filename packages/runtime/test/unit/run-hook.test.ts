import { describe, expect, it } from 'vitest';
import { HookBlockedError, InvalidHookResultError } from '../../src/errors.js';
import type { IncomingEvent } from '../../src/event/incoming-event.js';
import type { AdaptEntityBody, InterceptorPostBody, InterceptorPreBody } from '../../src/event/schemas.js';
import { block } from '../../src/hook-api/blocked.js';
import type { HookContext } from '../../src/hook-api/hook-context.js';
import type { PluginHooks } from '../../src/hook-api/hooks.js';
import { runHook } from '../../src/pipeline/run-hook.js';
import { adaptEntityBody, postBody, preBody } from '../support/bodies.js';

const context = {} as HookContext;
const passThrough: PluginHooks = {
  notification: () => undefined,
  interceptorPre: (event) => event.body.request,
  interceptorPost: (event) => event.body.response,
  adaptEntity: (event) => event.body.response,
  scheduled: () => undefined,
};

const pre = {
  hookType: 'INTERCEPTOR_PRE',
  body: preBody() as InterceptorPreBody,
  headers: {},
  token: 't',
} as const;
const post = {
  hookType: 'INTERCEPTOR_POST',
  body: postBody() as InterceptorPostBody,
  headers: {},
  token: 't',
} as const;
const adapt = {
  hookType: 'INTERCEPTOR_POST_ENTITY',
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
    const event = { hookType: 'NOTIFICATION', body: {} as never, headers: {}, token: 't' } as const;
    expect(await runHook(event, passThrough, context)).toBeUndefined();
  });

  it('turns block() into a HookBlockedError with the chosen status and code', async () => {
    const error = await failure(pre, { interceptorPre: () => block(403, 'ACCESS_DENIED', 'No.') });
    expect(error).toBeInstanceOf(HookBlockedError);
    expect(error).toMatchObject({ status: 403, code: 'ACCESS_DENIED', message: 'No.' });
  });

  it.each([200, 302, 600, 403.5])('refuses to block with status %s', async (status) => {
    const error = await failure(pre, { interceptorPre: () => block(status, 'X', 'x') });
    expect(error).toBeInstanceOf(InvalidHookResultError);
  });

  it.each([
    ['undefined', undefined],
    ['a string', 'request'],
    ['a request without path', { queryParameters: {}, headers: {} }],
  ])('refuses a PRE result that is %s', async (_case, result) => {
    const error = await failure(pre, { interceptorPre: () => result as never });
    expect(error).toBeInstanceOf(InvalidHookResultError);
  });

  it('refuses an ADAPT_ENTITY result without an entities array', async () => {
    const error = await failure(adapt, { adaptEntity: () => ({ entities: 'none' }) as never });
    expect(error).toBeInstanceOf(InvalidHookResultError);
  });

  it('refuses a scheduled hook that returns a bare value', async () => {
    const event = {
      hookType: 'NONSPECIFIC',
      source: 'invoke',
      body: {},
      headers: {},
      token: undefined,
    } as const;
    const error = await failure(event, { scheduled: () => 42 });
    expect(error).toBeInstanceOf(InvalidHookResultError);
  });
});
