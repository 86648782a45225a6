import { END_USER_ID, entityApiOfPath, ROOT_ORGANIZATION_ID } from '@biot-plugin/biot-emulator';
import { PluginTestUsageError } from '../errors.js';
import type { InitiatorInput, InterceptedCallInput } from './inputs.js';

/** What the envelope repeats of the event itself. */
export interface EnvelopeContext {
  /** The end user's own token, which BioT forwards inside `request.headers.authorization`. */
  readonly endUserToken: string;
  /** The event's traceparent; the intercepted request carries the same one. */
  readonly traceparent: string;
  /** `host:port` the end user called: the emulator, playing BioT's API. */
  readonly host: string;
}

/** `initiatorData` with the kit's defaults: the emulator's end user, in the root organization. */
export function initiatorData(initiator: InitiatorInput = {}): {
  subjectId: string;
  ownerOrganizationId: string | null;
  tokenType: string;
} {
  return {
    subjectId: initiator.subjectId ?? END_USER_ID,
    ownerOrganizationId:
      initiator.ownerOrganizationId === undefined ? ROOT_ORGANIZATION_ID : initiator.ownerOrganizationId,
    tokenType: initiator.tokenType ?? 'USER',
  };
}

/**
 * The envelope every interceptor event shares (BIOT-CONTRACT.md §1.4): who called, which API, and the
 * request as BioT received it. Built the way the emulator's `patientSearchEnvelope` builds its
 * default, so a kit event and a default event differ only where the test said so.
 */
export function interceptedCall(
  input: InterceptedCallInput,
  context: EnvelopeContext,
): Record<string, unknown> {
  const path = fillTemplate(input.path, input.pathVariables);
  const hasBody = input.body !== undefined && input.body !== null;
  return {
    initiatorData: initiatorData(input.initiator),
    method: input.method,
    entityName:
      input.entityName === undefined ? (entityApiOfPath(path)?.entityTypeName ?? null) : input.entityName,
    apiId: input.apiId ?? `${input.method}${input.path}`,
    request: {
      body: input.body ?? null,
      path,
      queryParameters: queryParameters(input),
      headers: {
        accept: 'application/json, text/plain, */*',
        authorization: `Bearer ${context.endUserToken}`,
        traceparent: context.traceparent,
        host: context.host,
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        ...input.headers,
      },
      pathVariables: input.pathVariables === undefined ? [] : { ...input.pathVariables },
    },
  };
}

/** BioT's multi-value map: every query parameter is an array of strings (BIOT-CONTRACT.md §1.4). */
function queryParameters(input: InterceptedCallInput): Record<string, string[]> {
  const parameters: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(input.query ?? {})) {
    parameters[name] = typeof value === 'string' ? [value] : [...value];
  }
  if (input.searchRequest !== undefined) parameters.searchRequest = [JSON.stringify(input.searchRequest)];
  return parameters;
}

/** `/devices/{id}` with `{ id: 'd 1' }` → `/devices/d%201`; every placeholder must be filled, every value used. */
function fillTemplate(template: string, variables: Readonly<Record<string, string>> = {}): string {
  const unused = new Set(Object.keys(variables));
  const path = template.replace(/\{([^}/]+)\}/g, (_placeholder, name: string) => {
    const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
    if (value === undefined) {
      throw new PluginTestUsageError(
        `The path ${template} has {${name}}, but pathVariables has no "${name}"`,
      );
    }
    unused.delete(name);
    return encodeURIComponent(value);
  });
  if (unused.size > 0) {
    throw new PluginTestUsageError(
      `pathVariables ${[...unused].map((name) => `"${name}"`).join(', ')} appear nowhere in the path ${template}`,
    );
  }
  return path;
}
