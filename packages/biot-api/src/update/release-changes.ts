import { type ApiFile, HTTP_METHODS, type OpenApiDocument } from '../files/api-files.js';

/**
 * What changed between two releases of BioT's files, in words a team reads before BioT's cloud
 * moves: services, paths and operations added or removed, parameters, bodies, answers and schemas
 * changed. Removals and new requirements come first: they are what breaks a plugin.
 */
export function releaseChanges(before: readonly ApiFile[], after: readonly ApiFile[]): string[] {
  const breaking: string[] = [];
  const other: string[] = [];
  const old = new Map(before.map((file) => [file.service, file]));
  const next = new Map(after.map((file) => [file.service, file]));
  for (const [service, file] of old) {
    if (!next.has(service)) breaking.push(`service ${service} removed (${version(file.document)})`);
  }
  for (const [service, file] of next) {
    const previous = old.get(service);
    if (previous === undefined) {
      other.push(`service ${service} added (${version(file.document)})`);
      continue;
    }
    if (version(previous.document) !== version(file.document)) {
      other.push(`service ${service}: ${version(previous.document)} → ${version(file.document)}`);
    }
    if (previous.basePath !== file.basePath) {
      breaking.push(`service ${service}: base path ${previous.basePath || '/'} → ${file.basePath || '/'}`);
    }
    compareOperations(previous, file, breaking, other);
    compareSchemas(previous, file, breaking, other);
  }
  return [...breaking.map((line) => `BREAKING ${line}`), ...other];
}

function version(document: OpenApiDocument): string {
  return `version ${document.info.version ?? 'unknown'}`;
}

type Operation = {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: unknown; content?: unknown }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, unknown>;
};

function operationsOf(file: ApiFile): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  for (const [path, item] of Object.entries(file.document.paths)) {
    const shared = (item.parameters as Operation['parameters']) ?? [];
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Operation | undefined;
      if (operation === undefined) continue;
      operations.set(`${method.toUpperCase()} ${file.basePath}${path}`, {
        ...operation,
        parameters: [...shared, ...(operation.parameters ?? [])],
      });
    }
  }
  return operations;
}

function compareOperations(before: ApiFile, after: ApiFile, breaking: string[], other: string[]): void {
  const old = operationsOf(before);
  const next = operationsOf(after);
  for (const name of old.keys()) if (!next.has(name)) breaking.push(`${name} removed`);
  for (const [name, operation] of next) {
    const previous = old.get(name);
    if (previous === undefined) {
      other.push(`${name} added`);
      continue;
    }
    compareParameters(name, previous, operation, breaking, other);
    compareBody(name, previous, operation, breaking, other);
    const statuses = (op: Operation) => Object.keys(op.responses ?? {});
    for (const status of statuses(previous)) {
      if (!statuses(operation).includes(status)) other.push(`${name}: answer ${status} no longer declared`);
    }
    for (const status of statuses(operation)) {
      if (!statuses(previous).includes(status)) other.push(`${name}: answer ${status} now declared`);
    }
    const successSchema = (op: Operation) => JSON.stringify(successContent(op));
    if (successSchema(previous) !== successSchema(operation))
      other.push(`${name}: successful answer's schema changed`);
  }
}

function compareParameters(
  name: string,
  before: Operation,
  after: Operation,
  breaking: string[],
  other: string[],
): void {
  const key = (parameter: { name: string; in: string }) => `${parameter.in} parameter ${parameter.name}`;
  const old = new Map((before.parameters ?? []).map((parameter) => [key(parameter), parameter]));
  const next = new Map((after.parameters ?? []).map((parameter) => [key(parameter), parameter]));
  for (const [what] of old) if (!next.has(what)) breaking.push(`${name}: ${what} removed`);
  for (const [what, parameter] of next) {
    const previous = old.get(what);
    if (previous === undefined) {
      (parameter.required ? breaking : other).push(
        `${name}: ${what} added${parameter.required ? ' (required)' : ' (optional)'}`,
      );
      continue;
    }
    if (!previous.required && parameter.required) breaking.push(`${name}: ${what} is now required`);
    if (previous.required && !parameter.required) other.push(`${name}: ${what} is now optional`);
    const shape = (p: typeof parameter) => JSON.stringify(p.schema ?? p.content ?? null);
    if (shape(previous) !== shape(parameter)) {
      breaking.push(
        `${name}: ${what} changed its schema: ${describeSchema(previous.schema ?? previous.content)} → ${describeSchema(parameter.schema ?? parameter.content)}`,
      );
    }
  }
}

function compareBody(
  name: string,
  before: Operation,
  after: Operation,
  breaking: string[],
  other: string[],
): void {
  const old = before.requestBody;
  const next = after.requestBody;
  if (old === undefined && next !== undefined) {
    (next.required ? breaking : other).push(
      `${name}: request body added${next.required ? ' (required)' : ''}`,
    );
  } else if (old !== undefined && next === undefined) {
    breaking.push(`${name}: request body removed`);
  } else if (old !== undefined && next !== undefined) {
    if (!old.required && next.required) breaking.push(`${name}: request body is now required`);
    if (JSON.stringify(old.content) !== JSON.stringify(next.content)) {
      breaking.push(
        `${name}: request body changed: ${describeSchema(bodySchema(old))} → ${describeSchema(bodySchema(next))}`,
      );
    }
  }
}

function bodySchema(body: NonNullable<Operation['requestBody']>): unknown {
  return Object.values(body.content ?? {})[0]?.schema;
}

function successContent(operation: Operation): unknown {
  const responses = operation.responses ?? {};
  const status = Object.keys(responses).find((code) => code.startsWith('2'));
  return status === undefined ? undefined : (responses[status] as { content?: unknown }).content;
}

interface Schema {
  $ref?: string;
  type?: unknown;
  properties?: Record<string, unknown>;
  required?: string[];
  enum?: unknown[];
}

function describeSchema(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) return 'none';
  const { $ref, type, enum: values, format } = schema as Schema & { format?: string };
  if ($ref) return $ref.replace('#/components/schemas/', '');
  if (values) return `one of ${values.map(String).join(', ')}`;
  if (type) return format ? `${String(type)} (${format})` : String(type);
  const content = Object.values(schema as Record<string, { schema?: unknown }>)[0];
  return content?.schema === undefined ? 'an object' : `JSON ${describeSchema(content.schema)}`;
}

function compareSchemas(before: ApiFile, after: ApiFile, breaking: string[], other: string[]): void {
  const old = (before.document.components?.schemas ?? {}) as Record<string, Schema>;
  const next = (after.document.components?.schemas ?? {}) as Record<string, Schema>;
  const service = after.service;
  for (const name of Object.keys(old))
    if (!(name in next)) breaking.push(`${service}: schema ${name} removed`);
  for (const [name, schema] of Object.entries(next)) {
    const previous = old[name];
    if (previous === undefined) {
      other.push(`${service}: schema ${name} added`);
      continue;
    }
    const where = `${service}: schema ${name}`;
    const oldProps = previous.properties ?? {};
    const newProps = schema.properties ?? {};
    for (const prop of Object.keys(oldProps))
      if (!(prop in newProps)) breaking.push(`${where}: property ${prop} removed`);
    for (const prop of Object.keys(newProps))
      if (!(prop in oldProps)) other.push(`${where}: property ${prop} added`);
    for (const [prop, value] of Object.entries(newProps)) {
      const was = oldProps[prop];
      if (was !== undefined && JSON.stringify(withoutProse(was)) !== JSON.stringify(withoutProse(value))) {
        breaking.push(
          `${where}: property ${prop} changed: ${describeSchema(was)} → ${describeSchema(value)}`,
        );
      }
    }
    const oldRequired = new Set(previous.required ?? []);
    const newRequired = new Set(schema.required ?? []);
    for (const prop of newRequired)
      if (!oldRequired.has(prop)) breaking.push(`${where}: ${prop} is now required`);
    for (const prop of oldRequired)
      if (!newRequired.has(prop)) other.push(`${where}: ${prop} is no longer required`);
    if (JSON.stringify(previous.enum) !== JSON.stringify(schema.enum)) {
      breaking.push(`${where}: values ${describeSchema(previous)} → ${describeSchema(schema)}`);
    }
  }
}

/** A changed description or example is not a change of the API. */
function withoutProse(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const {
    description: _d,
    example: _e,
    examples: _x,
    summary: _s,
    ...rest
  } = value as Record<string, unknown>;
  return rest;
}
