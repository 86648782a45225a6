import { ROOT_ORGANIZATION_ID } from '../entities/entity.js';
import { isPlainObject } from '../http/json-body.js';
import { newTraceparent } from '../http/traceparent.js';
import type { EventTokenSigner } from '../tokens/event-token.js';
import { INTERCEPTOR_SCOPES, NOTIFICATION_SCOPES } from '../tokens/scopes.js';
import {
  END_USER_ID,
  patientCreatedNotification,
  patientEntitiesResponse,
  patientSearchEnvelope,
  patientSearchResponse,
} from './event-bodies.js';
import type { EventType } from './event-type.js';

export interface BuildEventOptions {
  /**
   * The body to send instead of the default. A string goes out as-is (for malformed-JSON tests).
   * A notification object without an own `jwt` key gets the token added; give `jwt: undefined`
   * to send one without.
   */
  body?: unknown;
  /** The BioT token to send instead of a freshly signed one. */
  token?: string;
  /** Default: a fresh one, flags `00` as in every capture. */
  traceparent?: string;
  /** Extra headers, or replacements; `undefined` removes a header (e.g. `{ hooktype: undefined }`). */
  headers?: Record<string, string | undefined>;
}

/** A call as BioT makes it: the headers and the JSON body text. */
export interface BiotEvent {
  headers: Record<string, string>;
  body: string;
}

/** The `hooktype` header value of each event type (BIOT-CONTRACT.md §1.2). */
const HOOKTYPE: Record<EventType, string | undefined> = {
  NOTIFICATION: 'NOTIFICATION',
  INTERCEPTOR_PRE: 'INTERCEPTOR_PRE',
  INTERCEPTOR_POST: 'INTERCEPTOR_POST',
  INTERCEPTOR_POST_ENTITY: 'INTERCEPTOR_POST_ENTITY',
  NONSPECIFIC: undefined,
};

export interface EventContext {
  signer: EventTokenSigner;
  /** `host:port` of the emulator: the BioT API the intercepted end user called. */
  apiHost: string;
}

/**
 * Builds the call BioT would make. Notifications carry the token in the body field `jwt`, every
 * other type in `authorization: Bearer` (BIOT-CONTRACT.md §1.2). Header order follows the 2025 capture.
 */
export function buildEvent(type: EventType, options: BuildEventOptions, context: EventContext): BiotEvent {
  const traceparent = options.traceparent ?? newTraceparent();
  const scopes = type === 'NOTIFICATION' || type === 'NONSPECIFIC' ? NOTIFICATION_SCOPES : INTERCEPTOR_SCOPES;
  const token = options.token ?? context.signer.sign({ scopes });
  const hooktype = HOOKTYPE[type];

  const headers: Record<string, string> = { accept: '*/*' };
  if (hooktype !== undefined) headers.hooktype = hooktype;
  if (type !== 'NOTIFICATION') headers.authorization = `Bearer ${token}`;
  headers.traceparent = traceparent;
  headers['content-type'] = 'application/json';
  headers['user-agent'] = 'ReactorNetty/1.2.10';
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === undefined) delete headers[name.toLowerCase()];
    else headers[name.toLowerCase()] = value;
  }

  const body = options.body === undefined ? defaultBody(type, traceparent, context) : options.body;
  return { headers, body: serialise(type === 'NOTIFICATION' ? withJwt(body, token) : body) };
}

function defaultBody(type: EventType, traceparent: string, context: EventContext): unknown {
  if (type === 'NOTIFICATION') return patientCreatedNotification();
  if (type === 'NONSPECIFIC') return {};
  const envelope = patientSearchEnvelope({
    endUserToken: context.signer.signEndUserToken(END_USER_ID, ROOT_ORGANIZATION_ID),
    traceparent,
    host: context.apiHost,
  });
  if (type === 'INTERCEPTOR_POST') return { ...envelope, response: patientSearchResponse() };
  if (type === 'INTERCEPTOR_POST_ENTITY') return { ...envelope, response: patientEntitiesResponse() };
  return envelope;
}

function withJwt(body: unknown, token: string): unknown {
  if (!isPlainObject(body) || Object.hasOwn(body, 'jwt')) return body;
  return { ...body, jwt: token };
}

function serialise(body: unknown): string {
  return typeof body === 'string' ? body : JSON.stringify(body);
}
