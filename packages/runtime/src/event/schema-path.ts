import type * as v from 'valibot';

interface SchemaNode {
  readonly type: string;
  readonly entries?: Record<string, SchemaNode>;
  readonly value?: SchemaNode;
  readonly item?: SchemaNode;
  readonly wrapped?: SchemaNode;
}

const WRAPPERS = new Set(['optional', 'nullable', 'nullish', 'exact_optional', 'undefinedable']);

/**
 * Where a validation issue is, named by the schema: `request.headers.*`, `response.entities[]`.
 * The path is walked through the schema: a key the schema defines is named, a key of a record
 * (a header name, a query parameter) becomes `*` and a position in an array `[]`, because those
 * come from the caller's data, and a header or attribute may be named after a person.
 */
export function schemaPath(issue: v.BaseIssue<unknown>, schema: v.GenericSchema, root: string): string {
  const parts: string[] = [];
  let node: SchemaNode | undefined = schema as SchemaNode;
  for (const item of issue.path ?? []) {
    while (node !== undefined && WRAPPERS.has(node.type)) node = node.wrapped;
    if (
      node?.entries !== undefined &&
      typeof item.key === 'string' &&
      Object.hasOwn(node.entries, item.key)
    ) {
      parts.push(`.${item.key}`);
      node = node.entries[item.key];
    } else if (node?.type === 'array') {
      parts.push('[]');
      node = node.item;
    } else if (node?.type === 'record') {
      parts.push('.*');
      node = node.value;
    } else {
      parts.push(item.type === 'array' ? '[]' : '.*');
      node = undefined;
    }
  }
  const path = parts.join('').replace(/^\./, '');
  return (path === '' ? root : path).slice(0, 100);
}
