import type { BiotEmulator, EventType } from '@biot-plugin/biot-emulator';

/** One HTTP request as autocannon sends it. */
export interface LoadRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * `perType` valid events of every type, interleaved (notification, PRE, POST, ADAPT_ENTITY,
 * non-specific, notification, …) so each connection cycling through the list sends a mix.
 * Built before the run: BioT's tokens live 30 minutes.
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
      requests.push({ method: 'POST', path: '/', headers: event.headers, body: event.body });
    }
  }
  return requests;
}
