import { Logger } from '@aws-lambda-powertools/logger';
import type {
  LogAttributes,
  LogItemExtraInput,
  LogItemMessage,
  LogLevel,
} from '@aws-lambda-powertools/logger/types';
import { type KnownSecrets, redactSecrets } from './redact.js';

type LogMethod = (message: LogItemMessage, ...extra: LogItemExtraInput) => void;

/**
 * What hooks and the pipeline log with: Powertools' level methods, same arguments (a message or
 * an object with `message`, then attribute objects, or one Error or string).
 */
export interface PluginLogger {
  readonly debug: LogMethod;
  readonly info: LogMethod;
  readonly warn: LogMethod;
  readonly error: LogMethod;
  readonly critical: LogMethod;
}

const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL']);

/**
 * The container's logger: JSON lines with `appName` and `environment` on every line (contract
 * §5 puts them there for Datadog), secrets redacted.
 */
export function createLogger(
  options: { appName: string; environment: string; logLevel: string },
  secrets?: KnownSecrets,
): Logger {
  const level = options.logLevel.toUpperCase();
  return new Logger({
    serviceName: options.appName,
    logLevel: (LEVELS.has(level) ? level : 'INFO') as LogLevel,
    persistentKeys: { appName: options.appName, environment: options.environment },
    jsonReplacerFn: keepingEmptyValues(secrets ? secrets.replacer() : redactSecrets),
  });
}

/**
 * Powertools drops an attribute whose value is `null` or `''` from the line (LogItem's
 * removeEmptyKeys), so `logger.info('found', { patient: null })` would print no `patient` at all
 * and hide the very finding. A hook's such values travel as these stand-ins past that step, and
 * the JSON replacer writes them back as they were.
 */
// Strings, as Powertools copies the attribute objects (an object stand-in would lose its identity).
const NULL_VALUE = '\u0000biot-plugin:null\u0000';
const EMPTY_STRING = '\u0000biot-plugin:empty\u0000';

function keepingEmptyValues(
  replacer: (key: string, value: unknown) => unknown,
): (key: string, value: unknown) => unknown {
  return (key, value) => replacer(key, value === NULL_VALUE ? null : value === EMPTY_STRING ? '' : value);
}

/** The attributes of one log call, with `null` and `''` values swapped for their stand-ins. */
function withEmptyValuesKept<T>(item: T): T {
  if (typeof item !== 'object' || item === null || Array.isArray(item) || item instanceof Error) return item;
  const entries = Object.entries(item);
  if (!entries.some(([, value]) => value === null || value === '')) return item;
  return Object.fromEntries(
    entries.map(([key, value]) => [key, value === null ? NULL_VALUE : value === '' ? EMPTY_STRING : value]),
  ) as T;
}

/**
 * One invocation's view of the container's logger: every line carries this invocation's
 * `traceId`, so no line ever shows another invocation's trace (a known gap of BioT's sample),
 * even when invocations overlap as they do in the dev server.
 *
 * Why not `logger.createChild({ persistentKeys: { traceId } })`: a child builds a new Logger
 * (formatter, Console, stores) on every invocation, ~60 µs of the pipeline's own time. Passing
 * the keys with each call costs one object spread, and only when a line is actually written.
 */
export function invocationLogger(logger: Logger, traceId: string): PluginLogger {
  const keys: LogAttributes = { traceId };
  // Powertools merges the extra items in order, so the keys go last: a hook's own `traceId`
  // attribute cannot hide the invocation's. A hook's `null` and `''` values are kept (see above). (Its tuple type for `extra` cannot say "the caller's
  // items, then one more object", hence the cast.)
  const withKeys =
    (method: LogMethod): LogMethod =>
    (message, ...extra) =>
      method.call(
        logger,
        withEmptyValuesKept(message),
        ...([...extra.map(withEmptyValuesKept), keys] as LogAttributes[]),
      );
  return {
    debug: withKeys(logger.debug),
    info: withKeys(logger.info),
    warn: withKeys(logger.warn),
    error: withKeys(logger.error),
    critical: withKeys(logger.critical),
  };
}
