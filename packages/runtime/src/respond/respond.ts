import { PluginError } from '../errors.js';
import type { FunctionUrlResult } from '../event/function-url-event.js';
import type { HookAnswer } from '../pipeline/run-hook.js';
import type { Trace } from '../trace/trace.js';

/** BioT's error body (contract §2.5): the same schema as BioT's own `ErrorResponse`. */
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

/** A 200 with the hook's answer; BioT reads `traceparent` back (contract §2.1). */
export function successResponse(answer: HookAnswer, trace: Trace): FunctionUrlResult {
  if (answer === undefined) return { statusCode: 200, headers: { traceparent: trace.traceparent } };
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json', traceparent: trace.traceparent },
    body: JSON.stringify(answer),
  };
}

/**
 * Every failure becomes BioT's error body, stringified (the samples' unstringified bodies are a
 * known wire hazard, contract §2.5). Errors we did not anticipate get a generic 500: their
 * message may hold anything, so it goes to the log, never to the caller.
 */
export function errorResponse(error: unknown, trace: Trace, identity: ResponseIdentity): FunctionUrlResult {
  const known = error instanceof PluginError;
  const body: BiotErrorBody = {
    code: known ? error.code : 'INTERNAL_SERVER_ERROR',
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
