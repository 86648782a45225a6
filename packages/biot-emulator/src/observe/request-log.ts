/** One request the emulator received on a BioT route (admin calls are not logged). */
export interface RequestLogEntry {
  readonly method: string;
  /** `METHOD /route/{template}`; the concrete `METHOD /path` for unknown routes. */
  readonly route: string;
  readonly path: string;
  /** The query string without `?`, when there was one (e.g. a search's `searchRequest=…`). */
  readonly query?: string;
  /**
   * The request body as text, when there was one, so tests can see what a plugin sent. Never kept
   * for the service login: its body is the secret key, which the emulator holds only as a digest.
   */
  readonly body?: string;
  /** The status answered; 0 while in flight, and for hung or dropped requests. */
  readonly status: number;
  /** The caller's `traceparent` header, when sent (plugins should forward BioT's, BIOT-CONTRACT.md §5). */
  readonly traceparent?: string;
  /** The caller's `allow-interception` header, when sent (BIOT-CONTRACT.md §6). */
  readonly allowInterception?: string;
  /** Epoch milliseconds when the request arrived. */
  readonly at: number;
}

export type MutableRequestLogEntry = { -readonly [K in keyof RequestLogEntry]: RequestLogEntry[K] };

export const DEFAULT_REQUEST_LOG_CAPACITY = 10_000;

/**
 * The most recent requests, in a ring buffer: recording is O(1) and memory stays bounded when a
 * benchmark sends millions of requests.
 */
export class RequestLog {
  readonly #entries: (MutableRequestLogEntry | undefined)[];
  #next = 0;
  #size = 0;

  constructor(readonly capacity = DEFAULT_REQUEST_LOG_CAPACITY) {
    this.#entries = new Array(capacity);
  }

  /** Stores an entry and returns it, so the status can be filled in once answered. */
  record(entry: MutableRequestLogEntry): MutableRequestLogEntry {
    this.#entries[this.#next] = entry;
    this.#next = (this.#next + 1) % this.capacity;
    this.#size = Math.min(this.#size + 1, this.capacity);
    return entry;
  }

  /** Oldest first; copies, so later status updates do not show through. */
  entries(): RequestLogEntry[] {
    const start = (this.#next - this.#size + this.capacity) % this.capacity;
    const result: RequestLogEntry[] = [];
    for (let i = 0; i < this.#size; i++) {
      const entry = this.#entries[(start + i) % this.capacity];
      if (entry !== undefined) result.push({ ...entry });
    }
    return result;
  }

  clear(): void {
    this.#entries.fill(undefined);
    this.#next = 0;
    this.#size = 0;
  }
}
