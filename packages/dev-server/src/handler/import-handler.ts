import { randomUUID } from 'node:crypto';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type NamespacedUnregister, register } from 'tsx/esm/api';
import { HandlerLoadError } from '../errors.js';
import type { FunctionHandler } from '../server/invoke-handler.js';

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx']);

/** A loaded copy of the handler module; `release` frees what loading it registered. */
export interface LoadedHandler {
  handler: FunctionHandler;
  release(): Promise<void>;
}

/**
 * Imports a fresh copy of a module that exports `handler`, as a new Lambda container would.
 *
 * TypeScript goes through a tsx namespace of its own: Node caches modules by URL, and a query on
 * the entry (`?v=2`) would reload the entry but not the hook files it imports. A tsx namespace
 * travels down the whole import graph, so every file is evaluated again. A JavaScript bundle is a
 * single file, so a query on its URL is enough.
 */
export async function importHandler(modulePath: string, generation: number): Promise<LoadedHandler> {
  let namespace: NamespacedUnregister | undefined;
  let exports: Record<string, unknown>;
  try {
    if (TYPESCRIPT.has(extname(modulePath))) {
      namespace = register({ namespace: `biot-dev-server-${generation}-${randomUUID()}` });
      // A file URL, so a relative path is a path, not a package name.
      exports = await namespace.import(pathToFileURL(resolve(modulePath)).href, import.meta.url);
    } else {
      // Unique per load, not only per generation: two dev servers in one process must not share
      // one copy, and with it the configuration the first one imported it with.
      exports = await import(`${pathToFileURL(resolve(modulePath)).href}?v=${generation}-${randomUUID()}`);
    }
  } catch (error) {
    await namespace?.unregister();
    throw new HandlerLoadError(modulePath, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
  const handler = exports.handler;
  if (typeof handler !== 'function') {
    await namespace?.unregister();
    throw new HandlerLoadError(modulePath, 'it does not export a function named `handler`');
  }
  return {
    handler: handler as FunctionHandler,
    release: async () => {
      await namespace?.unregister();
    },
  };
}
