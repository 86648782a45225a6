import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { redactSecrets } from './redact.js';

export type PluginLogger = Logger;

const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL']);

/**
 * The container's logger: JSON lines with `appName` and `environment` on every line (contract
 * §5 puts them there for Datadog), secrets redacted. Each invocation gets a child carrying its
 * own `traceId`, so no line ever shows a previous invocation's trace (a known gap of BioT's sample).
 */
export function createLogger(options: { appName: string; environment: string; logLevel: string }): Logger {
  const level = options.logLevel.toUpperCase();
  return new Logger({
    serviceName: options.appName,
    logLevel: (LEVELS.has(level) ? level : 'INFO') as LogLevel,
    persistentKeys: { appName: options.appName, environment: options.environment },
    jsonReplacerFn: redactSecrets,
  });
}

export function invocationLogger(logger: Logger, traceId: string): Logger {
  return logger.createChild({ persistentKeys: { traceId } });
}
