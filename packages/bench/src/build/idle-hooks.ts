import type { PluginHooks } from '@biot-plugin/runtime';

/**
 * Hooks that call nothing and change nothing: with them, a warm invocation's time is the
 * pipeline's own (event extraction, token check, result checks, response, logging).
 * Built into a bundle of its own by build/idle-bundle.ts, never deployed.
 */
export const hooks: PluginHooks = {
  notification: () => {},
  interceptorPre: (event) => event.body.request,
  interceptorPost: (event) => event.body.response,
  adaptEntity: (event) => event.body.response,
  scheduled: () => undefined,
};
