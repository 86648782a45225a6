import { BadRequestError } from '../errors.js';

/** Reads a required non-empty string field, or answers 400 MISSING_PARAMETERS. */
export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (value === undefined || value === null || value === '') {
    throw new BadRequestError('MISSING_PARAMETERS', `Missing parameter: ${field}`, { missing: [field] });
  }
  if (typeof value !== 'string') throw invalidParameter(field, 'must be a string');
  return value;
}

/** Reads an optional string field; absent, null and '' all mean "not given". */
export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalidParameter(field, 'must be a string');
  return value;
}

export function oneOf(field: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) {
    throw new BadRequestError('INVALID_PARAMETERS', `${field} '${value}' is not one of the allowed values`, {
      field,
      value,
      allowed,
    });
  }
  return value;
}

export function invalidParameter(field: string, problem: string): BadRequestError {
  return new BadRequestError('INVALID_PARAMETERS', `${field} ${problem}`, { field });
}
