import type { Trace } from '@biot-plugin/core';
import type { BiotClient } from '../biot/biot-client.js';
import type { PluginLogger } from '../log/logger.js';

/** What every hook receives beside its event. */
export interface HookContext {
  /** BioT's APIs, logged in as the plugin's service user, traced, bounded by the deadline. */
  readonly biot: BiotClient;
  /** This invocation's logger: every line carries `traceId`; secrets are redacted. */
  readonly logger: PluginLogger;
  /** This invocation's W3C trace context. */
  readonly trace: Trace;
  /**
   * Aborts when the plugin must answer (the deadline BioT calls are bounded by too): pass it to
   * your own `fetch` and other calls, so a hook cut off by HOOK_TIMEOUT stops its work as well.
   */
  readonly signal: AbortSignal;
  /** Milliseconds left before the plugin must have answered. */
  remainingTimeMs(): number;
}
