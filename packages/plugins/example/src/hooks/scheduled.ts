import type { ScheduledHook } from '@biot-plugin/runtime';

/**
 * Runs for a call without `hooktype`: a schedule (EventBridge) or a direct call. This example
 * counts the enabled patients, the kind of periodic check a plugin reports on.
 */
export const scheduled: ScheduledHook = async (_event, { biot, logger }) => {
  const result = await biot.get('/organization/v1/users/patients', {
    query: { searchRequest: { filter: { _enabled: { eq: 'ENABLED' } }, limit: 1 } },
  });
  const enabledPatients = result.metadata.page?.totalResults ?? result.data.length;
  logger.info('Counted enabled patients', { enabledPatients });
  return { enabledPatients };
};
