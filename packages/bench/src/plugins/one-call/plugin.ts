import { definePlugin } from '@biot-plugin/runtime';
import { BENCH_SUBSCRIPTIONS } from '../bench-subscriptions.js';
import { adaptEntity, notification, postRequest, preRequest, scheduled } from './hooks.js';

/**
 * A plugin whose notification makes exactly one BioT call (it re-reads the patient) and whose
 * other hooks do a plugin's usual small work: the warm, cold, burst and soak figures are taken
 * with it. Bundled like any plugin by build/bench-bundles.ts; never deployed.
 */
export const plugin = definePlugin({
  name: 'one-call',
  hooks: { notification, preRequest, postRequest, adaptEntity, scheduled },
  ...BENCH_SUBSCRIPTIONS,
});
