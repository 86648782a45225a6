import { BiotApiError, type BiotHttp, type HttpMethod, type ServiceSession } from '@biot-plugin/core';
import { rememberRouteTemplate } from '../metrics/route-dimension.js';
import { type TypedBiotCalls, typedCalls } from './typed-calls.js';

/** BioT's search parameter (BIOT-CONTRACT.md §6), sent URL-encoded as `?searchRequest=<JSON>`. */
export interface SearchRequest {
  filter?: Record<string, unknown>;
  sort?: Array<{ prop: string; order: 'ASC' | 'DESC' }>;
  page?: number;
  limit?: number;
  freeTextSearch?: string;
}

export interface SearchResult<T> {
  data: T[];
  metadata?: { page?: { totalResults?: number; page?: number; limit?: number } } & Record<string, unknown>;
}

export interface CallOptions {
  searchParams?: Record<string, string>;
  json?: unknown;
  /**
   * Send `allow-interception` so the call runs BioT's interceptor chain (BIOT-CONTRACT.md §6). Off by
   * default: a plugin calling an API it intercepts would otherwise call itself.
   */
  allowInterception?: boolean;
}

/**
 * The BioT API as a hook sees it: logged in, traced, bounded by the invocation's deadline. The
 * typed calls (`get`, `post`, `put`, `patch`, `delete`, TypedBiotCalls) know BioT's paths from its
 * OpenAPI files; `request`, `search`, `getEntity` and `patchEntity` take any path.
 */
export interface BiotClient extends TypedBiotCalls {
  request<T>(method: HttpMethod, path: string, options?: CallOptions): Promise<T>;
  /** `GET {resource}?searchRequest=...`, e.g. `search('/organization/v1/users/patients', {...})`. */
  search<T = Record<string, unknown>>(
    resource: string,
    searchRequest: SearchRequest,
    options?: CallOptions,
  ): Promise<SearchResult<T>>;
  /** `GET {resource}/{id}`. */
  getEntity<T = Record<string, unknown>>(resource: string, id: string, options?: CallOptions): Promise<T>;
  /** `PATCH {resource}/{id}` with the changed attributes. */
  patchEntity<T = Record<string, unknown>>(
    resource: string,
    id: string,
    changes: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<T>;
}

export interface InvocationScope {
  deadline: number;
  traceparent: string;
}

/** A client bound to one invocation's trace and deadline. Cheap: create one per invocation. */
export function createBiotClient(
  http: BiotHttp,
  session: ServiceSession,
  scope: InvocationScope,
): BiotClient {
  async function request<T>(
    method: HttpMethod,
    path: string,
    options: CallOptions = {},
    route?: string,
  ): Promise<T> {
    // The metrics count a call by its template, never by its path (which holds ids).
    if (route !== undefined) rememberRouteTemplate(method, route);
    const send = (token: string): Promise<T> =>
      http.call<T>({
        method,
        path,
        ...(route ? { route } : {}),
        ...(options.searchParams ? { searchParams: options.searchParams } : {}),
        ...(options.json !== undefined ? { json: options.json } : {}),
        headers: {
          authorization: `Bearer ${token}`,
          ...(options.allowInterception ? { 'allow-interception': 'true' } : {}),
        },
        ...scope,
      });
    const token = await session.accessToken(scope);
    try {
      return await send(token);
    } catch (error) {
      // A 401 means BioT no longer accepts our token (its key was revoked by a rotation, or it
      // expired early). Nothing was done with it, so log in again and repeat the call once.
      if (!(error instanceof BiotApiError) || error.upstreamStatus !== 401) throw error;
      session.invalidate(token);
      return send(await session.accessToken(scope));
    }
  }

  return {
    ...typedCalls(request),
    request: (method, path, options) => request(method, path, options),
    search: (resource, searchRequest, options = {}) =>
      request(
        'GET',
        resource,
        {
          ...options,
          searchParams: { ...options.searchParams, searchRequest: JSON.stringify(searchRequest) },
        },
        resource,
      ),
    getEntity: (resource, id, options) =>
      request('GET', `${resource}/${encodeURIComponent(id)}`, options, `${resource}/{id}`),
    patchEntity: (resource, id, changes, options = {}) =>
      request(
        'PATCH',
        `${resource}/${encodeURIComponent(id)}`,
        { ...options, json: changes },
        `${resource}/{id}`,
      ),
  };
}
