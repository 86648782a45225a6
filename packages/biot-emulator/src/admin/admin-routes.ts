import { randomUUID } from 'node:crypto';
import { EmulatorUsageError } from '../errors.js';
import type { FaultSpec } from '../faults/fault.js';
import { isPlainObject, jsonObjectBody } from '../http/json-body.js';
import type { Router } from '../http/router.js';
import type { RequestLogEntry } from '../observe/request-log.js';
import type { EmulatorStats } from '../observe/route-stats.js';
import type { SignEventTokenOptions } from '../tokens/event-token.js';
import type { ServiceUserCredentials, ServiceUserSpec } from '../ums/service-users.js';
import { overview, VIEW_PARTS, VIEW_PATH, VIEWS, type ViewedState } from './admin-view.js';

/** What the admin API drives: the programmatic API, for CLIs and tests in other processes. */
export interface AdminCommands extends ViewedState {
  readonly url: string;
  readonly publicKey: string;
  readonly previousPublicKey: string;
  readonly requests: readonly RequestLogEntry[];
  injectFault(spec: FaultSpec): void;
  reset(): void;
  stats(): EmulatorStats;
  rotateSigningKey(): void;
  signEventToken(options?: SignEventTokenOptions): Promise<string>;
  addServiceUser(spec: ServiceUserSpec): ServiceUserCredentials;
}

// Malformed admin bodies answer this code, like every other bad admin request.
const INVALID = 'INVALID_ADMIN_REQUEST';

/** `/_emulator/*`: test and CLI controls. Not part of BioT; never faulted, logged or counted. */
export function addAdminRoutes(router: Router, emulator: AdminCommands): void {
  router
    .add('POST', '/_emulator/faults', (context) => {
      const body = jsonObjectBody(context, INVALID);
      // JSON has no Infinity; the admin API takes the string instead.
      const times = body.times === 'Infinity' ? Number.POSITIVE_INFINITY : body.times;
      const spec = { ...body, times } as FaultSpec;
      emulator.injectFault(spec);
      return { status: 201, body: { ...body, times: body.times ?? 1 } };
    })
    .add('POST', '/_emulator/reset', () => {
      emulator.reset();
      return { status: 200, body: { reset: true } };
    })
    .add('GET', '/_emulator/stats', () => ({ status: 200, body: emulator.stats() }))
    .add('GET', '/_emulator/requests', () => ({ status: 200, body: { requests: emulator.requests } }))
    // The read-only view (admin-view.ts): for a person looking in, so secrets and tokens are redacted.
    .add('GET', VIEW_PATH, () => ({ status: 200, body: overview(emulator, emulator.url) }))
    .add('POST', '/_emulator/signing-key/rotate', () => {
      emulator.rotateSigningKey();
      return {
        status: 200,
        body: { publicKey: emulator.publicKey, previousPublicKey: emulator.previousPublicKey },
      };
    })
    .add('POST', '/_emulator/event-tokens', async (context) => {
      const token = await emulator.signEventToken(eventTokenOptions(jsonObjectBody(context, INVALID)));
      return { status: 200, body: { token } };
    })
    .add('POST', '/_emulator/service-users', (context) => {
      const body = jsonObjectBody(context, INVALID);
      const spec = { ...body, id: body.id ?? randomUUID() } as ServiceUserSpec;
      return { status: 201, body: emulator.addServiceUser(spec) };
    });
  for (const view of VIEWS) {
    router.add('GET', `${VIEW_PATH}/${view}`, (context) => ({
      status: 200,
      body: VIEW_PARTS[view](emulator, context.query),
    }));
  }
}

function eventTokenOptions(body: Record<string, unknown>): SignEventTokenOptions {
  const { scopes, expiresInSeconds, claims, signWith } = body;
  if (scopes !== undefined && (!Array.isArray(scopes) || scopes.some((scope) => typeof scope !== 'string'))) {
    throw new EmulatorUsageError('scopes must be an array of strings');
  }
  if (
    expiresInSeconds !== undefined &&
    (typeof expiresInSeconds !== 'number' || !Number.isFinite(expiresInSeconds))
  ) {
    throw new EmulatorUsageError('expiresInSeconds must be a number');
  }
  if (claims !== undefined && !isPlainObject(claims))
    throw new EmulatorUsageError('claims must be an object');
  if (signWith !== undefined && signWith !== 'current' && signWith !== 'previous') {
    throw new EmulatorUsageError("signWith must be 'current' or 'previous'");
  }
  return {
    ...(scopes === undefined ? {} : { scopes: scopes as string[] }),
    ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }),
    ...(claims === undefined ? {} : { claims }),
    ...(signWith === undefined ? {} : { signWith }),
  };
}
