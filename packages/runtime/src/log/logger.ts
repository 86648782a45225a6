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
    jsonReplacerFn: secrets ? secrets.replacer() : redactSecrets,
  });
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
  // attribute cannot hide the invocation's. (Its tuple type for `extra` cannot say "the caller's
  // items, then one more object", hence the cast.)
  const withKeys =
    (method: LogMethod): LogMethod =>
    (message, ...extra) =>
      method.call(logger, message, ...([...extra, keys] as LogAttributes[]));
  return {
    debug: withKeys(logger.debug),
    info: withKeys(logger.info),
    warn: withKeys(logger.warn),
    error: withKeys(logger.error),
    critical: withKeys(logger.critical),
  };
}
