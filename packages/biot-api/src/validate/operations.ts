import { type ApiFile, HTTP_METHODS, type OpenApiMethod } from '../files/api-files.js';
import { pathOwners } from '../generate/generated-types.js';

/** One operation of BioT's files under its full path: `GET /organization/v1/users/patients/{id}`. */
export interface ApiOperation {
  readonly method: Uppercase<OpenApiMethod>;
  /** The full path template: the file's base path + its path. */
  readonly path: string;
  readonly file: ApiFile;
  readonly definition: OperationDefinition;
}

/** The parts of an OpenAPI operation the validator reads. */
export interface OperationDefinition {
  operationId?: string;
  parameters?: ParameterDefinition[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

export interface ParameterDefinition {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
  /** A parameter sent as JSON (`searchRequest`): its media type's schema. */
  content?: Record<string, { schema?: JsonSchema }>;
}

export type JsonSchema = Record<string, unknown>;

/**
 * Every operation of the files, each full path taken from the file that owns it (see pathOwners),
 * in a table that finds the operation a concrete request path is for.
 */
export class ApiOperations {
  readonly all: readonly ApiOperation[];
  readonly #byMethod = new Map<string, Array<{ operation: ApiOperation; segments: string[] }>>();

  constructor(files: readonly ApiFile[]) {
    const owners = pathOwners(files);
    const all: ApiOperation[] = [];
    for (const [path, file] of owners) {
      const item = file.document.paths[path.slice(file.basePath.length)] ?? {};
      const shared = (item.parameters as ParameterDefinition[] | undefined) ?? [];
      for (const method of HTTP_METHODS) {
        const definition = item[method] as OperationDefinition | undefined;
        if (definition === undefined) continue;
        const parameters = [...shared, ...(definition.parameters ?? [])];
        all.push({ method: upper(method), path, file, definition: { ...definition, parameters } });
      }
    }
    this.all = all;
    for (const operation of all) {
      const list = this.#byMethod.get(operation.method) ?? [];
      list.push({ operation, segments: segmentsOf(operation.path) });
      this.#byMethod.set(operation.method, list);
    }
  }

  /** `METHOD/path` ids, as BioT names an interceptable API (`POST/organization/v1/users/patients`). */
  apiIds(): string[] {
    return this.all.map((operation) => `${operation.method}${operation.path}`);
  }

  /**
   * The operation for a request and its path parameters, or undefined. A literal segment beats a
   * parameter (`/ums/v2/services/accessToken` is not `/ums/v2/services/{id}`), as in BioT's routing.
   */
  match(
    method: string,
    path: string,
  ): { operation: ApiOperation; params: Record<string, string> } | undefined {
    const actual = segmentsOf(path);
    let best: { operation: ApiOperation; params: Record<string, string>; literals: number } | undefined;
    for (const candidate of this.#byMethod.get(method.toUpperCase()) ?? []) {
      const matched = matchSegments(candidate.segments, actual);
      if (matched === undefined) continue;
      if (best === undefined || matched.literals > best.literals) {
        best = { operation: candidate.operation, ...matched };
      }
    }
    return best === undefined ? undefined : { operation: best.operation, params: best.params };
  }

  /** Whether any method serves this path (a 405 rather than a 404 in BioT). */
  hasPath(path: string): boolean {
    const actual = segmentsOf(path);
    return [...this.#byMethod.values()].some((list) =>
      list.some((candidate) => matchSegments(candidate.segments, actual) !== undefined),
    );
  }
}

function upper(method: OpenApiMethod): Uppercase<OpenApiMethod> {
  return method.toUpperCase() as Uppercase<OpenApiMethod>;
}

export function segmentsOf(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchSegments(
  template: readonly string[],
  actual: readonly string[],
): { params: Record<string, string>; literals: number } | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  let literals = 0;
  for (let i = 0; i < template.length; i++) {
    const expected = template[i] as string;
    const segment = actual[i] as string;
    if (expected.startsWith('{') && expected.endsWith('}')) {
      try {
        params[expected.slice(1, -1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (expected === segment) {
      literals += 1;
    } else {
      return undefined;
    }
  }
  return { params, literals };
}
