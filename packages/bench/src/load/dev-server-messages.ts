/** The IPC contract between `pnpm load` and the dev server it runs in a child process. */

/** `memory` forces a full GC first unless `gc` is false. */
export type LoadCommand = { kind: 'memory'; gc?: boolean } | { kind: 'stop' };

export interface DevServerMemory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  /** Memory of C++ objects bound to JavaScript ones, Buffers included. */
  external: number;
  /** Requests answered so far, by `hooktype` (or NONSPECIFIC) and status, e.g. `NOTIFICATION 200`. */
  answered: Record<string, number>;
}

export type DevServerMessage =
  | { kind: 'ready'; url: string }
  | { kind: 'memory'; memory: DevServerMemory }
  | { kind: 'stopped'; peakRssMiB: number };
