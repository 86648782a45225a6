import { definePlugin } from '@biot-plugin/runtime';
import { BENCH_SUBSCRIPTIONS } from '../bench-subscriptions.js';

/**
 * Hooks that call nothing and change nothing: with them, a warm invocation's time is the
 * pipeline's own (event extraction, token check, result checks, response, logging). Bundled
 * like any plugin by build/bench-bundles.ts; never deployed.
 */
export const plugin = definePlugin({
  name: 'idle',
  hooks: {
    notification: () => {},
    preRequest: (event) => event.body.request,
    postRequest: (event) => event.body.response,
    adaptEntity: (event) => event.body.response,
    scheduled: () => undefined,
  },
  ...BENCH_SUBSCRIPTIONS,
});
