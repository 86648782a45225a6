import type { EventType, PluginAnswer } from '@biot-plugin/biot-emulator';

/** One event `pnpm start` sends, and what BioT needs back from it. */
export interface DemoEvent {
  /** The row's name in the table. */
  name: string;
  type: EventType;
  /** Turns BioT's default body for the type into the one sent, to give the example hooks work. */
  adjustBody?: (body: Record<string, unknown>) => Record<string, unknown>;
  /** Send it with a token signed by a key that is not BioT's. */
  forged?: boolean;
  /** What BioT needs back, in words; shown when the answer is something else. */
  expected: string;
  accepts(answer: PluginAnswer): boolean;
}

/**
 * One event of each type BioT sends (contract §1), plus one an attacker would send. The
 * expectations are BioT's (contract §2), not the example hooks', so they hold for any plugin.
 */
export const DEMO_EVENTS: readonly DemoEvent[] = [
  {
    name: 'NOTIFICATION',
    type: 'NOTIFICATION',
    expected: '200 (BioT ignores the body)',
    accepts: (answer) => answer.status === 200,
  },
  {
    name: 'INTERCEPTOR_PRE',
    type: 'INTERCEPTOR_PRE',
    // A patient search asking for 200 per page: the example hook caps it.
    adjustBody: (body) => withSearchLimit(body, 200),
    expected: '200 with {"request": {path, queryParameters, headers, ...}}',
    accepts: (answer) => answer.status === 200 && isObject(field(answer.json, 'request')),
  },
  {
    name: 'INTERCEPTOR_POST',
    type: 'INTERCEPTOR_POST',
    // Names typed in lower case: the example hook tidies them.
    adjustBody: withLowerCaseNames,
    expected: '200 with {"response": {...}}',
    accepts: (answer) => answer.status === 200 && isObject(field(answer.json, 'response')),
  },
  {
    name: 'INTERCEPTOR_POST_ENTITY',
    type: 'INTERCEPTOR_POST_ENTITY',
    expected: '200 with {"response": {"entities": [...]}}',
    accepts: (answer) =>
      answer.status === 200 && Array.isArray(field(field(answer.json, 'response'), 'entities')),
  },
  {
    name: 'NONSPECIFIC',
    type: 'NONSPECIFIC',
    expected: '200 with a JSON object or no body',
    accepts: (answer) => answer.status === 200 && (answer.body === '' || isObject(answer.json)),
  },
  {
    name: 'forged token',
    type: 'NOTIFICATION',
    forged: true,
    expected: '401 JWT_INVALID',
    accepts: (answer) => answer.status === 401 && field(answer.json, 'code') === 'JWT_INVALID',
  },
];

function withSearchLimit(body: Record<string, unknown>, limit: number): Record<string, unknown> {
  const request = body.request as { queryParameters: Record<string, string[]> };
  const searchRequest = JSON.parse(request.queryParameters.searchRequest?.[0] ?? '{}') as object;
  return {
    ...body,
    request: {
      ...request,
      queryParameters: {
        ...request.queryParameters,
        searchRequest: [JSON.stringify({ ...searchRequest, limit })],
      },
    },
  };
}

function withLowerCaseNames(body: Record<string, unknown>): Record<string, unknown> {
  const response = body.response as { body: { data: Record<string, unknown>[] } };
  const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);
  const data = response.body.data.map((entity) => {
    const name = entity._name as { firstName?: unknown; lastName?: unknown } | null;
    return name
      ? { ...entity, _name: { ...name, firstName: lower(name.firstName), lastName: lower(name.lastName) } }
      : entity;
  });
  return { ...body, response: { ...response, body: { ...response.body, data } } };
}

function field(value: unknown, name: string): unknown {
  return isObject(value) ? value[name] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
