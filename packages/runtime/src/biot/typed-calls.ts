import type {
  Answer,
  ApiMethod,
  BiotPath,
  CallParameters,
  ParametersRequired,
  PathsWith,
} from '@biot-plugin/biot-api/types';
import type { HttpMethod } from '@biot-plugin/core';

/** What any typed call may add: run BioT's interceptor chain (off by default, see CallOptions). */
export interface TypedCallOptions {
  allowInterception?: boolean;
}

/** A call's parameters, optional when the operation needs none. */
export type TypedCallArguments<Path extends BiotPath, Method extends ApiMethod> =
  ParametersRequired<Path, Method> extends true
    ? [parameters: CallParameters<Path, Method> & TypedCallOptions]
    : [parameters?: CallParameters<Path, Method> & TypedCallOptions];

type TypedCall<Method extends ApiMethod> = <Path extends PathsWith<Method>>(
  path: Path,
  ...parameters: TypedCallArguments<Path, Method>
) => Promise<Answer<Path, Method>>;

/**
 * BioT's API typed from BioT's own OpenAPI files: the path is a template of the files
 * (`/organization/v1/users/patients/{id}`), its parameters and body are checked by the compiler and
 * the answer is typed. A search is a `get` with `query: { searchRequest: { filter, sort, page, limit } }`.
 */
export interface TypedBiotCalls {
  get: TypedCall<'get'>;
  post: TypedCall<'post'>;
  put: TypedCall<'put'>;
  patch: TypedCall<'patch'>;
  delete: TypedCall<'delete'>;
}

/** The call the typed methods are written over: the client's own, so login, retries and tracing stay one. */
export type SendCall = (
  method: HttpMethod,
  path: string,
  options: { searchParams?: Record<string, string>; json?: unknown; allowInterception?: boolean },
  route: string,
) => Promise<unknown>;

interface UntypedParameters extends TypedCallOptions {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/** The typed methods, a few lines of path filling over `send`: the types cost the bundle nothing. */
export function typedCalls(send: SendCall): TypedBiotCalls {
  const call =
    (method: HttpMethod) =>
    (template: string, parameters: UntypedParameters = {}): Promise<unknown> => {
      const searchParams = queryString(parameters.query);
      return send(
        method,
        fillPath(template, parameters.path ?? {}),
        {
          ...(searchParams ? { searchParams } : {}),
          ...(parameters.body !== undefined ? { json: parameters.body } : {}),
          ...(parameters.allowInterception ? { allowInterception: true } : {}),
        },
        template,
      );
    };
  return {
    get: call('GET'),
    post: call('POST'),
    put: call('PUT'),
    patch: call('PATCH'),
    delete: call('DELETE'),
  } as TypedBiotCalls;
}

/**
 * `/…/{id}` with each parameter URL-encoded. A missing or empty one is refused before any call:
 * `/patients/` would reach another BioT API than the one the hook meant.
 */
export function fillPath(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = values[name];
    if ((typeof value !== 'string' && typeof value !== 'number') || value === '') {
      throw new TypeError(`BioT path ${template} needs the path parameter "${name}"`);
    }
    return encodeURIComponent(String(value));
  });
}

/** BioT reads an object parameter (`searchRequest`) as JSON in the query string. */
function queryString(query: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (query === undefined) return undefined;
  const entries = Object.entries(query).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(
    entries.map(([name, value]) => [name, typeof value === 'object' ? JSON.stringify(value) : String(value)]),
  );
}
