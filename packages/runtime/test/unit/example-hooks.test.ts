import { describe, expect, it } from 'vitest';
import type { AdaptEntityBody, InterceptorPostBody, InterceptorPreBody } from '../../src/event/schemas.js';
import { Blocked } from '../../src/hook-api/blocked.js';
import type { HookContext } from '../../src/hook-api/hook-context.js';
import { adaptEntity } from '../../src/hooks/adapt-entity.js';
import { interceptorPost } from '../../src/hooks/interceptor-post.js';
import { interceptorPre } from '../../src/hooks/interceptor-pre.js';
import { adaptEntityBody, interceptedRequest, patientEntity, postBody, preBody } from '../support/bodies.js';

const logged: unknown[] = [];
const context = { logger: { info: (...args: unknown[]) => logged.push(args) } } as unknown as HookContext;
const preEvent = (body: Record<string, unknown>) =>
  ({ hookType: 'INTERCEPTOR_PRE', body: body as InterceptorPreBody, headers: {}, token: 't' }) as const;

describe('the example PRE hook', () => {
  it('blocks deleting a patient with 403 ACCESS_DENIED', async () => {
    const body = preBody({
      method: 'DELETE',
      request: { ...interceptedRequest, path: '/organization/v1/users/patients/p-1' },
    });
    const result = await interceptorPre(preEvent(body), context);
    expect(result).toBeInstanceOf(Blocked);
    expect(result).toMatchObject({ status: 403, code: 'ACCESS_DENIED' });
  });

  it('caps the page size of a search at 50', async () => {
    const request = {
      ...interceptedRequest,
      queryParameters: { searchRequest: [JSON.stringify({ limit: 500 })] },
    };
    const result = await interceptorPre(preEvent(preBody({ request })), context);
    expect(JSON.parse((result as typeof request).queryParameters.searchRequest[0] ?? '')).toEqual({
      limit: 50,
    });
  });

  it('passes a search within the cap through unchanged, headers and unknown fields included', async () => {
    const result = await interceptorPre(preEvent(preBody()), context);
    expect(result).toEqual(interceptedRequest);
  });

  it('passes a searchRequest that is not JSON through unchanged', async () => {
    const request = { ...interceptedRequest, queryParameters: { searchRequest: ['{oops'] } };
    expect(await interceptorPre(preEvent(preBody({ request })), context)).toEqual(request);
  });
});

describe('the example POST hook', () => {
  it('capitalizes names in search results and keeps the rest of the response', async () => {
    const body = postBody() as InterceptorPostBody;
    const result = (await interceptorPost(
      { hookType: 'INTERCEPTOR_POST', body, headers: {}, token: 't' },
      context,
    )) as {
      statusCode: number;
      body: { data: Array<typeof patientEntity>; metadata: unknown };
    };
    expect(result.statusCode).toBe(200);
    expect(result.body.data[0]?._name).toEqual({ firstName: 'Ben', lastName: 'Rose' });
    expect(result.body.metadata).toEqual({ page: { totalResults: 1, page: 0, limit: 30 } });
  });

  it('leaves a response without a body alone', async () => {
    const body = postBody({ statusCode: 204 }) as InterceptorPostBody;
    expect(
      await interceptorPost({ hookType: 'INTERCEPTOR_POST', body, headers: {}, token: 't' }, context),
    ).toEqual({
      statusCode: 204,
    });
  });
});

describe('the example ADAPT_ENTITY hook', () => {
  it('masks national ids to their last four characters', async () => {
    const body = adaptEntityBody([patientEntity, { _id: 'no-national-id' }]) as AdaptEntityBody;
    const result = (await adaptEntity(
      { hookType: 'INTERCEPTOR_POST_ENTITY', body, headers: {}, token: 't' },
      context,
    )) as {
      entities: Array<Record<string, unknown>>;
    };
    expect(result.entities[0]?._nationalId).toBe('******2352');
    expect(result.entities[1]).toEqual({ _id: 'no-national-id' });
  });
});
