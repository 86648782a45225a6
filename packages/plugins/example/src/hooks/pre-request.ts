import { block, type PreRequestHook } from '@biot-plugin/runtime';
import { PATIENTS } from './patients.js';

const MAX_PAGE_SIZE = 50;

/**
 * Runs before a BioT API call. This example refuses to delete patients, and caps the page size
 * of patient searches so one call cannot pull a whole population of patients.
 */
export const preRequest: PreRequestHook = (event, { logger }) => {
  const { method, request } = event.body;
  if (method === 'DELETE' && request.path.startsWith(`${PATIENTS}/`)) {
    return block(403, 'ACCESS_DENIED', 'Deleting patients is disabled by the plugin');
  }
  const searchRequest = parseSearchRequest(request.queryParameters.searchRequest?.[0]);
  if (searchRequest === undefined || (searchRequest.limit ?? Number.POSITIVE_INFINITY) <= MAX_PAGE_SIZE) {
    return request;
  }
  logger.info('Capping the page size of a search', { requested: searchRequest.limit, cap: MAX_PAGE_SIZE });
  return {
    ...request,
    queryParameters: {
      ...request.queryParameters,
      searchRequest: [JSON.stringify({ ...searchRequest, limit: MAX_PAGE_SIZE })],
    },
  };
};

function parseSearchRequest(value: string | undefined): { limit?: number } | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
