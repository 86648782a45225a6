import { type EmfDocument, parseEmfLine } from './emf-document.js';

type Write = typeof process.stdout.write;

/** Documents no event has claimed yet (a handler that timed out flushes later); the oldest go first. */
const MAX_UNCLAIMED = 1_000;

/**
 * The EMF documents the runtime writes to stdout (as on Lambda, where the log stream turns them
 * into metrics), taken out of the dev server's output and handed to the event that wrote them,
 * found by the `traceId` the runtime writes beside its metrics. Every other line passes through.
 * One per process, shared by its dev servers: `acquire` it, `release` it when done.
 */
export class EmittedMetrics {
  static #shared: EmittedMetrics | undefined;
  static #users = 0;

  readonly #original: Write;
  readonly #patched: Write;
  #unclaimed: EmfDocument[] = [];
  #active = true;

  static acquire(): EmittedMetrics {
    EmittedMetrics.#shared ??= new EmittedMetrics();
    EmittedMetrics.#users += 1;
    return EmittedMetrics.#shared;
  }

  static release(): void {
    EmittedMetrics.#users = Math.max(0, EmittedMetrics.#users - 1);
    if (EmittedMetrics.#users === 0 && EmittedMetrics.#shared !== undefined) {
      EmittedMetrics.#shared.#restore();
      EmittedMetrics.#shared = undefined;
    }
  }

  private constructor() {
    const stdout = process.stdout;
    this.#original = stdout.write;
    const original = this.#original;
    this.#patched = ((chunk: unknown, ...rest: unknown[]): boolean => {
      const kept =
        this.#active && typeof chunk === 'string' && chunk.includes('"_aws"') ? this.#divert(chunk) : chunk;
      if (kept === '') {
        const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
        if (callback !== undefined) process.nextTick(callback);
        return true;
      }
      return (original as (...args: unknown[]) => boolean).call(stdout, kept, ...rest);
    }) as Write;
    stdout.write = this.#patched;
  }

  /** The documents written under this trace id, removed from the pending ones. */
  take(traceId: string | undefined): EmfDocument[] {
    if (traceId === undefined) return [];
    const taken = this.#unclaimed.filter((document) => document.traceId === traceId);
    if (taken.length > 0)
      this.#unclaimed = this.#unclaimed.filter((document) => document.traceId !== traceId);
    return taken;
  }

  /** Keeps the EMF lines of a chunk, and returns the rest of it. */
  #divert(chunk: string): string {
    const lines = chunk.split('\n');
    const rest = lines.filter((line) => {
      const document = parseEmfLine(line);
      if (document === undefined) return true;
      this.#unclaimed.push(document);
      return false;
    });
    if (this.#unclaimed.length > MAX_UNCLAIMED)
      this.#unclaimed.splice(0, this.#unclaimed.length - MAX_UNCLAIMED);
    return rest.join('\n');
  }

  #restore(): void {
    this.#active = false;
    // Someone who wrapped stdout after us still holds our function; it passes everything through then.
    if (process.stdout.write === this.#patched) process.stdout.write = this.#original;
    this.#unclaimed = [];
  }
}

/** The trace id of a runtime's answer (`traceparent: 00-<trace id>-<span>-<flags>`), if it has one. */
export function traceIdOfAnswer(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const headers = (result as { headers?: unknown }).headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  const traceparent = (headers as Record<string, unknown>).traceparent;
  return typeof traceparent === 'string' ? traceparent.split('-')[1] : undefined;
}
