import type { RouteHandler } from './request-context.js';

interface Route {
  readonly method: string;
  /** `METHOD /path/{template}`: the name used in stats, the request log and fault specs. */
  readonly key: string;
  readonly segments: readonly string[];
  readonly handler: RouteHandler;
}

export type RouteMatch =
  | {
      readonly kind: 'found';
      readonly key: string;
      readonly handler: RouteHandler;
      readonly params: Record<string, string>;
    }
  | { readonly kind: 'wrong-method'; readonly template: string }
  | { readonly kind: 'not-found' };

/**
 * Matches a path against `{name}` templates. A linear scan: the emulator serves a few dozen
 * routes, and a trie would cost more to read than it saves.
 */
export class Router {
  readonly #routes: Route[] = [];

  add(method: string, template: string, handler: RouteHandler): this {
    this.#routes.push({ method, key: `${method} ${template}`, segments: splitPath(template), handler });
    return this;
  }

  /** Every route's `METHOD /path/{template}`, in the order they were added. */
  keys(): string[] {
    return this.#routes.map((route) => route.key);
  }

  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    let wrongMethod: string | undefined;
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, segments);
      if (params === undefined) continue;
      if (route.method === method) return { kind: 'found', key: route.key, handler: route.handler, params };
      wrongMethod ??= route.key.slice(route.method.length + 1);
    }
    return wrongMethod === undefined
      ? { kind: 'not-found' }
      : { kind: 'wrong-method', template: wrongMethod };
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchSegments(
  template: readonly string[],
  actual: readonly string[],
): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const expected = template[i] as string;
    const segment = actual[i] as string;
    if (expected.startsWith('{') && expected.endsWith('}')) {
      const value = safeDecode(segment);
      if (value === undefined) return undefined;
      params[expected.slice(1, -1)] = value;
    } else if (expected !== segment) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
