/** One line the plugin's logger wrote: Powertools' JSON, parsed. */
export interface LogLine {
  /** `DEBUG`, `INFO`, `WARN`, `ERROR`, `CRITICAL`. */
  readonly level: string;
  readonly message: string;
  readonly timestamp?: string;
  /** The invocation's trace id; absent on lines written outside an invocation. */
  readonly traceId?: string;
  /** `BIOT_APP_NAME`: the plugin's name unless the test's env says otherwise. */
  readonly appName?: string;
  /** Whatever else the line holds: the attributes a hook logged, `error`, `durationMs`… */
  readonly [attribute: string]: unknown;
}

/** The lines of one plugin's logger, caught before they reach the terminal. */
export interface LogCapture {
  lines(): readonly LogLine[];
  clear(): void;
  /** Stops catching; other output was never caught. */
  stop(): void;
}

type WriteCallback = (error?: Error | null) => void;
type Write = typeof process.stdout.write;

interface Sink {
  readonly appName: string;
  readonly lines: LogLine[];
}

const sinks = new Set<Sink>();
const patched = new Map<NodeJS.WriteStream, { readonly original: Write; readonly replacement: Write }>();

/**
 * Catches the JSON lines whose `appName` is `appName` from stdout and stderr, where the runtime's
 * Powertools logger writes them (its Console holds the process streams, so there is no logger
 * option to redirect it). Anything else written meanwhile (other plugins' lines, a test's own
 * output) passes through untouched. Several captures may be open at once: the streams are patched
 * once and restored when the last one stops.
 */
export function captureLogs(appName: string): LogCapture {
  const sink: Sink = { appName, lines: [] };
  sinks.add(sink);
  if (patched.size === 0) {
    patch(process.stdout);
    patch(process.stderr);
  }
  return {
    lines: () => [...sink.lines],
    clear: () => {
      sink.lines.length = 0;
    },
    stop: () => {
      sinks.delete(sink);
      if (sinks.size === 0) restore();
    },
  };
}

function patch(stream: NodeJS.WriteStream): void {
  const original = stream.write;
  const replacement = (
    chunk: Uint8Array | string,
    encodingOrCallback?: BufferEncoding | WriteCallback,
    callback?: WriteCallback,
  ): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const rest = text
      .split('\n')
      .filter((line) => !caught(line))
      .join('\n');
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (rest === '') {
      if (done !== undefined) process.nextTick(done);
      return true;
    }
    const encoding = typeof encodingOrCallback === 'function' ? undefined : encodingOrCallback;
    return original.call(stream, rest, encoding, done);
  };
  stream.write = replacement;
  patched.set(stream, { original, replacement });
}

function restore(): void {
  for (const [stream, { original, replacement }] of patched) {
    // Someone patched the stream after us (a reporter, another tool): theirs stays, ours passes
    // everything through now that no capture is open.
    if (stream.write === replacement) {
      stream.write = original;
      patched.delete(stream);
    }
  }
}

/** True when the line belonged to an open capture and was kept there. */
function caught(line: string): boolean {
  if (!line.startsWith('{')) return false;
  const parsed = parseLine(line);
  if (parsed === undefined) return false;
  let kept = false;
  for (const sink of sinks) {
    if (parsed.appName === sink.appName) {
      sink.lines.push(parsed);
      kept = true;
    }
  }
  return kept;
}

function parseLine(line: string): LogLine | undefined {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const { level, message } = value as Record<string, unknown>;
    return typeof level === 'string' && typeof message === 'string' ? (value as LogLine) : undefined;
  } catch {
    return undefined;
  }
}
