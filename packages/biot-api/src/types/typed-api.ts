/**
 * What a typed call to BioT may send and gets back, derived from BioT's own OpenAPI files
 * (`generated/`). Types only: nothing here exists at run time.
 */

import type { BiotPaths } from './generated/index.js';
import type { components as organization } from './generated/organization.js';

export type { BiotPaths } from './generated/index.js';

/** The methods of BioT's files, as the typed client names them. */
export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Every full path BioT serves, e.g. `/organization/v1/users/patients/{id}`. */
export type BiotPath = keyof BiotPaths & string;

/** The operation of `Path` for `Method`; `never` when BioT has no such method on that path. */
export type Operation<Path extends BiotPath, Method extends ApiMethod> = BiotPaths[Path] extends {
  [M in Method]: infer Op;
}
  ? Op
  : never;

/** The paths that answer `Method`: a path BioT serves with another method only is a type error. */
export type PathsWith<Method extends ApiMethod> = {
  [Path in BiotPath]: [Operation<Path, Method>] extends [never] ? never : Path;
}[BiotPath];

/**
 * BioT's search parameter: filter, sort, page and limit (`SearchRequestV2`), sent URL-encoded as
 * `?searchRequest=<JSON>`. Some files type it as a string, others as this object: the client
 * accepts the object everywhere and encodes it.
 */
export type SearchRequest = organization['schemas']['SearchRequestV2'];
/** One field's conditions in a search filter (`eq`, `in`, `like`, `from`, ... `$AND` ...). */
export type SearchFilter = organization['schemas']['FilterV2'];

type ParametersIn<Op, Where extends 'path' | 'query'> = Op extends { parameters: { [W in Where]?: infer P } }
  ? Exclude<P, undefined>
  : never;

/** A search's `searchRequest` is the object, whichever way the file types it. */
type QueryOf<Op> =
  ParametersIn<Op, 'query'> extends infer Query
    ? [Query] extends [never]
      ? never
      : 'searchRequest' extends keyof Query
        ? Omit<Query, 'searchRequest'> & { searchRequest?: SearchRequest }
        : Query
    : never;

type ContentOf<Body> = Body extends { content: infer Content }
  ? Content extends Record<string, unknown>
    ? Content[keyof Content]
    : never
  : never;

type PathOption<Op> = [ParametersIn<Op, 'path'>] extends [never]
  ? { path?: never }
  : { path: ParametersIn<Op, 'path'> };

type QueryOption<Op> = [QueryOf<Op>] extends [never]
  ? { query?: never }
  : object extends QueryOf<Op>
    ? { query?: QueryOf<Op> }
    : { query: QueryOf<Op> };

type BodyOption<Op> = Op extends { requestBody: infer Body }
  ? { body: ContentOf<Body> }
  : Op extends { requestBody?: infer Body }
    ? [ContentOf<Body>] extends [never]
      ? { body?: never }
      : { body?: ContentOf<Body> }
    : { body?: never };

/** What a call sends beside its path: `path` and `query` parameters and the `body`, as the file says. */
export type CallParameters<Path extends BiotPath, Method extends ApiMethod> = PathOption<
  Operation<Path, Method>
> &
  QueryOption<Operation<Path, Method>> &
  BodyOption<Operation<Path, Method>>;

/** Whether a call must pass parameters (a path parameter, a required query or a body). */
export type ParametersRequired<Path extends BiotPath, Method extends ApiMethod> =
  object extends CallParameters<Path, Method> ? false : true;

type SuccessStatus = 200 | 201 | 202 | 204;

/** The answer of a successful call, as the file's 2xx response says (`undefined` for 204). */
export type Answer<Path extends BiotPath, Method extends ApiMethod> =
  Operation<Path, Method> extends {
    responses: infer Responses;
  }
    ? {
        [Status in keyof Responses & SuccessStatus]: [ContentOf<Responses[Status]>] extends [never]
          ? undefined
          : ContentOf<Responses[Status]>;
      }[keyof Responses & SuccessStatus]
    : never;
