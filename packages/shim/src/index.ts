export { withRtmStartCompat, rtmStartCompat, isRtmStartCompat, type ApiCallClient, type WithRtmStartCompat } from './with-compat.js';
export {
  buildRtmStartSnapshot,
  connectRtm,
  compatCost,
  compatCostOptions,
  compatFieldsRead,
  isConnectShaped,
  COMPAT_WARNING,
  COMPAT_OMITTED_WARNING,
  type CallFn,
} from './build-response.js';
export { createCompatFetch, type CompatFetchOptions } from './fetch.js';
export { startProxy, type ProxyOptions, type RunningProxy } from './proxy/server.js';
export * from './bridge/index.js';
export * from './snapshot/index.js';
export { Pacer, Limiter, type RateLimitOptions } from './pacer.js';
export {
  CompatPlatformError,
  CompatRateLimitedError,
  CompatHTTPError,
  CompatRequestError,
  type CompatErrorDetail,
} from './errors.js';
export * from './types.js';
