import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { type ApiFile, PROJECT_API_DIR, readApiFiles } from '../files/api-files.js';
import { type ApiOperation, ApiOperations, type JsonSchema, type ParameterDefinition } from './operations.js';

/** A request as it reached the server: the raw path, query and body. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The body as text; `''` when there is none. */
  body: string;
  contentType?: string;
}

export type RequestVerdict =
  /** No operation of BioT's files has this method and path. */
  | { readonly kind: 'unknown' }
  | { readonly kind: 'checked'; readonly operation: ApiOperation; readonly problems: readonly string[] };

export interface ValidatorOptions {
  /** A folder of BioT's files; default the project's copy. */
  dir?: string;
  /** String formats accepted as any string (the emulator's tests name ids `p-1`, not UUIDs). */
  unchecked?: readonly string[];
  /**
   * Take a `null` in a body or an answer as an absent attribute. BioT answers `null` for an
   * attribute without a value (`"_description": null` in every capture) and takes it in a PATCH to
   * clear one, though its files type such attributes as plain strings.
   */
  nullMeansAbsent?: boolean;
}

/**
 * Checks requests and answers against BioT's own OpenAPI files, with Ajv (JSON Schema 2020-12,
 * the dialect of OpenAPI 3.1). Each file is one schema, so `#/components/schemas/...` references
 * resolve inside it; a schema is compiled the first time an operation needs it.
 */
export class ApiValidator {
  readonly #ajv: Ajv2020;
  readonly #compiled = new Map<string, ValidateFunction>();

  readonly #nullMeansAbsent: boolean;

  private constructor(
    readonly operations: ApiOperations,
    options: ValidatorOptions,
  ) {
    this.#nullMeansAbsent = options.nullMeansAbsent ?? false;
    // strict off: BioT's files carry OpenAPI's own keywords (`example`, `int32` formats) that are
    // not JSON Schema's; they annotate and do not constrain.
    this.#ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateFormats: true });
    (formats as unknown as (ajv: Ajv2020) => void)(this.#ajv);
    for (const format of [
      'int32',
      'int64',
      'float',
      'double',
      'byte',
      'binary',
      'password',
      ...(options.unchecked ?? []),
    ]) {
      this.#ajv.addFormat(format, true);
    }
    const seen = new Set<ApiFile>();
    for (const operation of operations.all) {
      if (seen.has(operation.file)) continue;
      seen.add(operation.file);
      this.#ajv.addSchema(operation.file.document as object, schemaId(operation.file));
    }
  }

  /** A validator of the project's copy of BioT's files (or of the files in `dir`). */
  static async load(options: ValidatorOptions = {}): Promise<ApiValidator> {
    return new ApiValidator(new ApiOperations(await readApiFiles(options.dir ?? PROJECT_API_DIR)), options);
  }

  /** What BioT would refuse in this request: parameters (path, query) and body, each named. */
  checkRequest(request: ReceivedRequest): RequestVerdict {
    const match = this.operations.match(request.method, request.path);
    if (match === undefined) return { kind: 'unknown' };
    const { operation, params } = match;
    const problems: string[] = [];
    for (const parameter of operation.definition.parameters ?? []) {
      if (parameter.in === 'path') {
        problems.push(...this.#parameterProblems(operation, parameter, params[parameter.name]));
      } else if (parameter.in === 'query') {
        problems.push(
          ...this.#parameterProblems(operation, parameter, request.query.get(parameter.name) ?? undefined),
        );
      }
    }
    problems.push(...this.#bodyProblems(operation, request));
    return { kind: 'checked', operation, problems };
  }

  /**
   * What in an answer BioT's file does not allow: a status the operation does not declare (an
   * error status is checked against BioT's error body), or a body that is not the declared schema.
   */
  checkResponse(operation: ApiOperation, status: number, body: unknown): string[] {
    const responses = operation.definition.responses ?? {};
    const declared = responses[String(status)] ?? responses.default;
    if (declared === undefined) {
      if (status >= 400)
        return this.#problems(operation, '#/components/schemas/ErrorResponse', body, 'answer');
      return [`answer status ${status} is not one BioT declares (${Object.keys(responses).join(', ')})`];
    }
    const schema = declared.content?.['application/json'] ?? declared.content?.['*/*'];
    if (schema === undefined) {
      return body === undefined || body === '' ? [] : [`answer ${status} has a body; BioT declares none`];
    }
    return this.#problems(
      operation,
      responsePointer(operation, String(status) in responses ? String(status) : 'default', declared),
      body,
      'answer',
    );
  }

  #parameterProblems(
    operation: ApiOperation,
    parameter: ParameterDefinition,
    raw: string | undefined,
  ): string[] {
    const where = `${parameter.in} parameter ${parameter.name}`;
    if (raw === undefined) return parameter.required ? [`${where} is required`] : [];
    const index = (operation.definition.parameters ?? []).indexOf(parameter);
    const base = `${operationPointer(operation)}/parameters/${index}`;
    if (parameter.content !== undefined) {
      // A parameter with a media type (BioT's `searchRequest`) is JSON in the query string.
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        return [`${where} is not JSON`];
      }
      const mediaType = Object.keys(parameter.content)[0] as string;
      return this.#problems(operation, `${base}/content/${escapePointer(mediaType)}/schema`, value, where);
    }
    if (parameter.schema === undefined) return [];
    return this.#problems(operation, `${base}/schema`, fromText(raw, parameter.schema), where);
  }

  #bodyProblems(operation: ApiOperation, request: ReceivedRequest): string[] {
    const declared = operation.definition.requestBody;
    if (declared === undefined) return [];
    if (request.body.trim() === '') return declared.required ? ['body is required'] : [];
    const json = declared.content?.['application/json'];
    if (json === undefined) return [];
    let value: unknown;
    try {
      value = JSON.parse(request.body);
    } catch {
      return ['body is not JSON'];
    }
    return this.#problems(
      operation,
      `${operationPointer(operation)}/requestBody/content/application~1json/schema`,
      value,
      'body',
    );
  }

  #problems(operation: ApiOperation, pointer: string, value: unknown, where: string): string[] {
    if (this.#nullMeansAbsent && (where === 'body' || where === 'answer')) value = withoutNulls(value);
    const ref = `${schemaId(operation.file)}${pointer}`;
    let validate = this.#compiled.get(ref);
    if (validate === undefined) {
      validate = this.#ajv.compile({ $ref: ref });
      this.#compiled.set(ref, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => describe(where, error));
  }
}

function schemaId(file: ApiFile): string {
  return `https://biot-openapi.local/${file.service}.json`;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function operationPointer(operation: ApiOperation): string {
  const filePath = operation.path.slice(operation.file.basePath.length);
  return `#/paths/${escapePointer(filePath)}/${operation.method.toLowerCase()}`;
}

function responsePointer(
  operation: ApiOperation,
  status: string,
  declared: { content?: Record<string, unknown> },
): string {
  const mediaType = declared.content?.['application/json'] === undefined ? '*/*' : 'application/json';
  return `${operationPointer(operation)}/responses/${status}/content/${escapePointer(mediaType)}/schema`;
}

/** A path or query value is text; its schema says what it stands for. */
function fromText(raw: string, schema: JsonSchema): unknown {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'integer' || type === 'number') return raw.trim() === '' ? raw : Number(raw);
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  if (type === 'array') return raw.split(',');
  return raw;
}

/** `body._name.firstName must be string`: where, in the words of the schema, never the value sent. */
function describe(where: string, error: ErrorObject): string {
  const at = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const subject = at === '' ? where : `${where}.${at}`;
  if (error.keyword === 'required') return `${subject}.${String(error.params.missingProperty)} is required`;
  if (error.keyword === 'enum') {
    return `${subject} must be one of ${(error.params.allowedValues as unknown[]).map(String).join(', ')}`;
  }
  return `${subject} ${error.message ?? 'is invalid'}`;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [key, withoutNulls(item)]),
  );
}
