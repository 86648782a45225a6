/**
 * The BioT HTTP client pieces other packages of this repository reuse (the rotation Lambda, the
 * subscription custom resource, ops commands): one way to call BioT, one set of typed errors.
 */

export {
  BiotApiError,
  BiotTimeoutError,
  BiotUnreachableError,
  ConfigurationError,
  PluginError,
  ServiceLoginError,
} from '../errors.js';
export { newTrace } from '../trace/trace.js';
export { noTracing } from '../tracing/tracing.js';
export { type BiotCall, BiotHttp, type BiotHttpOptions, type HttpMethod } from './biot-http.js';
export { type AccessToken, type LoginContext, serviceLogin } from './service-login.js';
