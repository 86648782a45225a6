import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The methods BioT's files use, lower-case as OpenAPI writes them. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type OpenApiMethod = (typeof HTTP_METHODS)[number];

/** One of BioT's OpenAPI files, as read: its service name, base path and document. */
export interface ApiFile {
  /** The file's name without `.json`, e.g. `organization`: the service. */
  readonly service: string;
  /** `servers[0].url` without a trailing slash (`/ums`; `''` for `/`): prefixed to each path. */
  readonly basePath: string;
  readonly document: OpenApiDocument;
}

/** The parts of an OpenAPI 3.1 document this project reads. */
export interface OpenApiDocument {
  openapi: string;
  info: { title?: string; version?: string; description?: string };
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> } & Record<string, unknown>;
}

/** The project's copy of BioT's files, in this package (never `../shared`: the project is self-contained). */
export const PROJECT_API_DIR = fileURLToPath(new URL('../../openapi/', import.meta.url));

/** Reads every `*.json` of a folder of BioT's OpenAPI files, sorted by service name. */
export async function readApiFiles(dir: string = PROJECT_API_DIR): Promise<ApiFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(
    names.map(async (name) => {
      const document = JSON.parse(await readFile(join(dir, name), 'utf8')) as OpenApiDocument;
      return { service: name.slice(0, -'.json'.length), basePath: basePathOf(document), document };
    }),
  );
}

export function basePathOf(document: OpenApiDocument): string {
  const url = document.servers?.[0]?.url ?? '/';
  return url.replace(/\/+$/, '');
}
