/**
 * The BioT core every BioT-calling package of this repository builds on (the plugin runtime, the
 * rotation Lambda, the subscriptions custom resource, ops): one HTTP client for BioT with
 * deadline and retries, the service login, one family of typed errors, the service-user secret's
 * format and its one reader, and the environment variables' names. Importing it creates nothing.
 */

export {
  type BiotSettings,
  DEFAULTS,
  ENV,
  type EnvName,
  EnvReader,
  isHttpUrl,
  readBiotSettings,
} from './env/env.js';
export {
  BiotApiError,
  BiotTimeoutError,
  BiotUnreachableError,
  ConfigurationError,
  PluginError,
  SecretUnavailableError,
  ServiceLoginError,
} from './errors.js';
export {
  type BiotCall,
  type BiotCallObservation,
  BiotHttp,
  type BiotHttpOptions,
  type HttpMethod,
} from './http/biot-http.js';
export {
  type AccessToken,
  type LoginContext,
  SERVICE_LOGIN_PATH,
  serviceLogin,
} from './login/service-login.js';
export { ServiceSession, type ServiceSessionOptions } from './login/service-session.js';
export {
  type EmfDocument,
  PLUGIN_METRICS,
  type PluginMetricName,
  TOKEN_REFUSAL_CODES,
} from './metrics/plugin-metrics.js';
export {
  defaultSecretsManagerClient,
  environmentSecretSource,
  readSecretValue,
  type SecretSource,
  type SecretsManagerSecretSourceOptions,
  type SecretVersion,
  secretsManagerSecretSource,
} from './secret/secret-source.js';
export {
  InvalidServiceSecretError,
  PLACEHOLDER_KEY_ID,
  PlaceholderSecretError,
  parseServiceSecret,
  ROTATION_FAILURE_TAG,
  type ServiceSecret,
  serializeServiceSecret,
} from './secret/service-secret.js';
export { callTraceparent, newSpanId, newTrace, type Trace, traceFrom } from './trace/trace.js';
export {
  type CallDescription,
  type CallOutcome,
  type CallSpan,
  createTracing,
  noTracing,
  routeTemplate,
  type Tracing,
} from './tracing/tracing.js';
