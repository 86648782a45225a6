import type { ParseArgsConfig } from 'node:util';
import { parseCommandLine as parseArgsOf } from '@biot-plugin/workspace';
import { UsageError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandLine {
  positionals: string[];
  /** Whether a boolean flag was given. */
  flag(name: string): boolean;
  /** The value of a string option, if given. */
  text(name: string): string | undefined;
}

/**
 * Parses a command line strictly: an unknown flag (with the closest known one) or a missing value
 * is a UsageError. A leading `--` is dropped, so `pnpm start -- --serve` and `pnpm start --serve` mean the same.
 */
export function parseCommandLine(argv: readonly string[], options: Options): CommandLine {
  try {
    const { values, positionals } = parseArgsOf({ args: argv, options, allowPositionals: true });
    return {
      positionals,
      flag: (name) => values[name] === true,
      text: (name) => {
        const value = values[name];
        return typeof value === 'string' ? value : undefined;
      },
    };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A whole number within bounds, from a flag's text. */
export function integerOption(
  name: string,
  text: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

/** An http(s) URL, without a trailing slash. */
export function urlOption(name: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--${name} must be a URL, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--${name} must be an http or https URL, got "${text}"`);
  }
  return text.replace(/\/+$/, '');
}
