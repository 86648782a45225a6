import { PluginError, type Trace } from '@biot-plugin/core';
import { HookBlockedError, ResponseTooLargeError } from '../errors.js';
import type { FunctionUrlResult } from '../event/function-url-event.js';
import type { HookAnswer } from '../pipeline/run-hook.js';

/** BioT's error body (BIOT-CONTRACT.md §2.5): the same schema as BioT's own `ErrorResponse`. */
export interface BiotErrorBody {
  code: string;
  message: string;
  serviceName: string;
  traceId: string;
  environment: string;
  details: Record<string, unknown>;
}

export interface ResponseIdentity {
  appName: string;
  environment: string;
}

/**
 * A Lambda Function URL returns at most 6 MB (Lambda's synchronous response limit); the status
 * line and headers take a little of it. Past it AWS answers a bare 502 without BioT's error body.
 */
const MAX_RESPONSE_BYTES = 6 * 1024 * 1024 - 16 * 1024;

/** A 200 with the hook's answer; BioT reads `traceparent` back (BIOT-CONTRACT.md §2.1). */
export function successResponse(answer: HookAnswer, trace: Trace): FunctionUrlResult {
  if (answer === undefined) return { statusCode: 200, headers: { traceparent: trace.traceparent } };
  const body = JSON.stringify(answer);
  // A UTF-8 byte is at least a third of a UTF-16 unit: short bodies need no count at all.
  if (body.length * 3 > MAX_RESPONSE_BYTES) {
    const bytes = Buffer.byteLength(body);
    if (bytes > MAX_RESPONSE_BYTES) throw new ResponseTooLargeError(bytes, MAX_RESPONSE_BYTES);
  }
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json', traceparent: trace.traceparent },
    body,
  };
}

/**
 * Every failure becomes BioT's error body, stringified (the samples' unstringified bodies are a
 * known wire hazard, BIOT-CONTRACT.md §2.5). Errors we did not anticipate get a generic 500: their
 * message may hold anything, so it goes to the log, never to the caller.
 */
export function errorResponse(error: unknown, trace: Trace, identity: ResponseIdentity): FunctionUrlResult {
  const known = error instanceof PluginError;
  const body: BiotErrorBody = {
    code: errorCode(error),
    message: known ? error.publicMessage : 'The plugin failed unexpectedly',
    serviceName: identity.appName,
    traceId: trace.traceId,
    environment: identity.environment,
    details: known ? error.details : {},
  };
  return {
    statusCode: known ? error.status : 500,
    headers: { 'content-type': 'application/json', traceparent: trace.traceparent },
    body: JSON.stringify(body),
  };
}

/** The BioT error code a failure is answered with. */
export function errorCode(error: unknown): string {
  return error instanceof PluginError ? error.code : 'INTERNAL_SERVER_ERROR';
}

/** A code shaped like BioT's (`JWT_INVALID`); anything else is not fit for a metric dimension. */
const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * How an answer counts in the metrics (`Outcome`, PLUGIN_METRICS): `answered`, `blocked` for a
 * hook's `block()` (its code is the plugin's own business, and unbounded), or the code of the
 * error answered. A code of an unexpected shape counts as the generic 500's.
 */
export function answerOutcome(error?: unknown): string {
  if (error === undefined) return 'answered';
  if (error instanceof HookBlockedError) return 'blocked';
  const code = errorCode(error);
  return CODE.test(code) ? code : 'INTERNAL_SERVER_ERROR';
}
