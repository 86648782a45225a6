import type { PluginSpec } from '@biot-plugin/runtime';

/**
 * What the bench's plugins subscribe to: every hook type, on patients, as the example plugin did
 * when the bench measured it. The scheduled hook is also taken through the URL (it is deployed
 * to run on AWS's direct invocation only) so that the NONSPECIFIC figures keep measuring what
 * they always did: a call without `hooktype` with BioT's token checked. The scope is one the
 * emulator's NONSPECIFIC token carries. Neither plugin is ever deployed.
 */
export const BENCH_SUBSCRIPTIONS = {
  subscriptions: {
    notifications: [{ entityTypeName: 'patient', actionName: '_create' }],
    interceptions: [
      { type: 'PRE_REQUEST', apiId: 'GET/organization/v1/users/patients' },
      { type: 'POST_REQUEST', apiId: 'GET/organization/v1/users/patients' },
      { type: 'ADAPT_ENTITY', entityName: 'patient' },
    ],
  },
  schedule: 'rate(1 day)',
  scheduledViaUrl: { scope: 'ACTION_NOTIFICATION' },
} as const satisfies Pick<PluginSpec, 'subscriptions' | 'schedule' | 'scheduledViaUrl'>;
