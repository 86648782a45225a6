import type { BiotEmulator, EventType } from '@biot-plugin/biot-emulator';
import type { Request } from 'autocannon';
import { freshBody } from '../probes/probe-support.js';

/** One HTTP request as autocannon sends it. */
export interface LoadRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Autocannon calls it before each send: gives the body a sequence number of its own (freshBody). */
  setupRequest: (request: Request) => Request;
}

/** Shared by every request of the run, so no two sends carry the same event. */
let sequence = 0;

/**
 * `perType` valid events of every type, interleaved (notification, PRE, POST, ADAPT_ENTITY,
 * non-specific, notification, …) so each connection cycling through the list sends a mix.
 * Built before the run: BioT's tokens live 30 minutes. Each send gets a body of its own, since
 * the runtime runs a notification it has seen before only once, and BioT's never repeat.
 */
export async function mixedRequests(
  emulator: BiotEmulator,
  types: readonly EventType[],
  perType: number,
): Promise<LoadRequest[]> {
  const requests: LoadRequest[] = [];
  for (let i = 0; i < perType; i++) {
    for (const type of types) {
      const event = await emulator.buildEvent(type);
      requests.push({
        method: 'POST',
        path: '/',
        headers: event.headers,
        body: event.body,
        setupRequest: (request) => ({ ...request, body: freshBody(event.body, ++sequence) }),
      });
    }
  }
  return requests;
}
