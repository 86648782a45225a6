import { readFileSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * A logged stack, pointed back at the TypeScript sources through the bundle's source map
 * (`index.mjs.map` next to `index.mjs`). Node's `--enable-source-maps` would do it too, but it
 * reads and parses the map at every cold start (25–45 ms on Node 22); here the map is read once,
 * on the first error that is logged, and never by an invocation that does not fail. Frames
 * without a map (tests, tsx, Node's own) are left as they are.
 */
export function sourceMappedStack(stack: string): string {
  // Node already mapped it (--enable-source-maps), or there is nothing that looks like a frame.
  if (process.sourceMapsEnabled || !stack.includes(':')) return stack;
  return stack.replace(FRAME_LOCATION, (whole, file: string, line: string, column: string) => {
    const map = mapOf(file);
    if (!map) return whole;
    const entry = (map.findEntry(Number(line) - 1, Number(column) - 1) ?? {}) as Partial<SourceMapEntry>;
    if (entry.originalSource === undefined || entry.originalLine === undefined) return whole;
    return `${entry.originalSource.replace(/^(\.\.\/)+/, '')}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
  });
}

interface SourceMapEntry {
  originalSource: string;
  originalLine: number;
  originalColumn: number;
}

/** `file:///var/task/index.mjs:1:2345` or `/var/task/index.mjs:1:2345`, inside a stack frame. */
const FRAME_LOCATION = /((?:file:\/\/)?\/[^\s():]+\.m?js):(\d+):(\d+)/g;

/** Far above any bundle's map (0.34 MB today); a bigger file is not read on an error path. */
const MAX_MAP_BYTES = 20 * 1024 * 1024;

const maps = new Map<string, SourceMap | undefined>();

function mapOf(file: string): SourceMap | undefined {
  if (maps.has(file)) return maps.get(file);
  let map: SourceMap | undefined;
  try {
    const path = `${file.startsWith('file:') ? fileURLToPath(file) : file}.map`;
    if (statSync(path).size <= MAX_MAP_BYTES) map = new SourceMap(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    // No map, or an unreadable one: the frame stays as it is.
  }
  maps.set(file, map);
  return map;
}
