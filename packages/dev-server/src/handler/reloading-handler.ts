import { type FSWatcher, watch } from 'node:fs';
import type { DevServerLog } from '../server/dev-server-log.js';
import type { FunctionHandler } from '../server/invoke-handler.js';
import { importHandler, type LoadedHandler } from './import-handler.js';

export interface ReloadingHandlerOptions {
  modulePath: string;
  /** Directories whose changes reload the module (recursively); none: never reload by itself. */
  watchDirs?: readonly string[];
  /** Set in `process.env` before every import: the runtime reads its configuration at import. */
  env?: Record<string, string | undefined>;
  log: DevServerLog;
}

// Editors write a file in several steps; one reload for the burst is enough.
const DEBOUNCE_MS = 80;
const SOURCE_FILE = /\.(m|c)?(t|j)sx?$|\.json$/;

/**
 * The handler of a module on disk, imported again whenever a file under a watched directory
 * changes (a plugin's source and the runtime's, or a bundle's folder): each
 * reload is a cold start, as after a deploy. A reload that fails (a syntax error mid-edit) is
 * reported and the previous version keeps serving.
 */
export class ReloadingHandler {
  #loaded: LoadedHandler;
  #generation = 1;
  readonly #watchers: FSWatcher[] = [];
  #timer: NodeJS.Timeout | undefined;
  #reloading: Promise<void> = Promise.resolve();

  private constructor(
    private readonly options: ReloadingHandlerOptions,
    loaded: LoadedHandler,
  ) {
    this.#loaded = loaded;
  }

  static async load(options: ReloadingHandlerOptions): Promise<ReloadingHandler> {
    const source = new ReloadingHandler(options, await importWithEnv(options, 1));
    for (const directory of options.watchDirs ?? []) source.#watch(directory);
    return source;
  }

  /** The handler to call now; a call that started before a reload finishes on the old one. */
  readonly handler: FunctionHandler = (event, context) => this.#loaded.handler(event, context);

  /** How many times the module has been imported. */
  get generation(): number {
    return this.#generation;
  }

  /** Imports the module again; resolves once the new copy serves (or the attempt failed). */
  reload(): Promise<void> {
    this.#reloading = this.#reloading.then(() => this.#reloadNow());
    return this.#reloading;
  }

  async close(): Promise<void> {
    clearTimeout(this.#timer);
    for (const watcher of this.#watchers) watcher.close();
    await this.#reloading;
    await this.#loaded.release();
  }

  async #reloadNow(): Promise<void> {
    const started = performance.now();
    const generation = this.#generation + 1;
    try {
      const next = await importWithEnv(this.options, generation);
      const previous = this.#loaded;
      this.#loaded = next;
      this.#generation = generation;
      await previous.release();
      this.options.log.info(`reloaded the handler (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
      this.options.log.error('reload failed; the previous version keeps serving', error);
    }
  }

  #watch(directory: string): void {
    const watcher = watch(directory, { recursive: true }, (_event, filename) => {
      if (filename !== null && (!SOURCE_FILE.test(filename) || filename.includes('node_modules'))) return;
      // One timer for all the directories: a burst of writes reloads once, wherever it lands.
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.reload(), DEBOUNCE_MS);
    });
    // A watched directory that disappears must not take the server down with it.
    watcher.on('error', (error) => this.options.log.warn(`stopped watching ${directory}: ${error.message}`));
    this.#watchers.push(watcher);
  }
}

/**
 * `process.env` is one per process and the module reads it while it is imported, so imports are
 * done one at a time, each right after setting its environment: two dev servers in one process
 * (tests, benchmarks) then each get their own configuration.
 */
let importQueue: Promise<unknown> = Promise.resolve();

function importWithEnv(options: ReloadingHandlerOptions, generation: number): Promise<LoadedHandler> {
  const imported = importQueue.then(() => {
    applyEnv(options.env);
    return importHandler(options.modulePath, generation);
  });
  importQueue = imported.catch(() => undefined);
  return imported;
}

function applyEnv(env: Record<string, string | undefined> = {}): void {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
