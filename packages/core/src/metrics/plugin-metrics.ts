/**
 * The plugin's own CloudWatch metrics, described once: the runtime writes them (CloudWatch embedded
 * metric format, through Powertools Metrics) and the stack's dashboard and alarms read them by these
 * names. Every dimension is low-cardinality: no ids, no paths with ids, no user input.
 */
export const PLUGIN_METRICS = {
  namespace: 'BiotPlugin',
  /**
   * Every metric carries `Plugin` (the plugin's name, BIOT_APP_NAME) and `Environment`
   * (BIOT_SERVICE_ENVIRONMENT), plus the dimensions listed with it below, always as one set.
   */
  dimensions: {
    plugin: 'Plugin',
    environment: 'Environment',
    /** BioT's hooktype (NOTIFICATION, PRE_REQUEST, POST_REQUEST, ADAPT_ENTITY), SCHEDULED, or UNKNOWN when refused before it is known. */
    hookType: 'HookType',
    /** `answered`, `blocked`, or the BioT error code of the answer (JWT_INVALID, HOOK_TIMEOUT, INTERNAL_SERVER_ERROR, ...). */
    outcome: 'Outcome',
    /** The BioT route template, `GET /organization/v1/users/patients/{id}`. */
    route: 'Route',
    /** `2xx`, `3xx`, `4xx`, `5xx`, `network` or `timeout`. */
    statusClass: 'StatusClass',
    /** A token refusal's BioT error code. */
    code: 'Code',
  },
  metrics: {
    /** Count; Plugin, Environment, HookType. */
    invocations: 'Invocations',
    /** Count; Plugin, Environment, HookType, Outcome. */
    answers: 'Answers',
    /** Count of answers with status >= 500 (the plugin failed); Plugin, Environment, HookType. */
    errors: 'Errors',
    /** Milliseconds from the event's arrival to the answer; Plugin, Environment, HookType. */
    duration: 'Duration',
    /** Count of BioT calls (all attempts of one call count once); Plugin, Environment, Route, StatusClass. */
    biotCalls: 'BiotCalls',
    /** Milliseconds per BioT call, retries included; Plugin, Environment, Route. */
    biotCallLatency: 'BiotCallLatency',
    /** Count of BioT calls, all routes; Plugin, Environment. */
    biotCallsTotal: 'BiotCallsTotal',
    /** Count of BioT calls that failed with 5xx, network or timeout, all routes; Plugin, Environment. */
    biotCallErrors: 'BiotCallErrors',
    /** Count, 1 per cold start; Plugin, Environment. */
    coldStarts: 'ColdStarts',
    /** Count of calls refused for their token (TOKEN_REFUSAL_CODES); Plugin, Environment, Code. */
    tokenRefusals: 'TokenRefusals',
    /** The same, all codes; Plugin, Environment. */
    tokenRefusalsTotal: 'TokenRefusalsTotal',
  },
} as const;

/** A CloudWatch embedded-metric-format document, as the runtime writes it and Lambda's log stream receives it. */
export interface EmfDocument {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: Array<{
      Namespace: string;
      Dimensions: string[][];
      Metrics: Array<{ Name: string; Unit: string }>;
    }>;
  };
  [key: string]: unknown;
}

export type PluginMetricName = (typeof PLUGIN_METRICS.metrics)[keyof typeof PLUGIN_METRICS.metrics];

/**
 * The codes of the refusals a flood of forged, stolen or misdirected calls produces: the token
 * check's (401 JWT_MISSING, JWT_INVALID, JWT_EXPIRED; 403 JWT_SCOPE_MISSING,
 * JWT_TOKEN_TYPE_NOT_ALLOWED) and a call without `hooktype` through the URL (403
 * SCHEDULED_VIA_URL_DISABLED). A hook's own `block(403, …)` is the plugin's business and is not
 * counted; neither are malformed bodies (400), which the Errors of BioT would show.
 */
export const TOKEN_REFUSAL_CODES = [
  'JWT_MISSING',
  'JWT_INVALID',
  'JWT_EXPIRED',
  'JWT_SCOPE_MISSING',
  'JWT_TOKEN_TYPE_NOT_ALLOWED',
  'SCHEDULED_VIA_URL_DISABLED',
] as const;
