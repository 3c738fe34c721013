import { RTM_START } from './methods.js';

/**
 * True when `text` addresses the `rtm.start` method over HTTP: a URL or path whose last segment is
 * `rtm.start` under `/api/`, with or without a query (`https://slack.com/api/rtm.start?token=…`, `/api/rtm.start`), or a
 * relative tail that ends a base URL (`rtm.start?token=` as in `base + 'rtm.start?token=' + t`).
 * Method names in prose (`'rtm.start failed'`, `rtm.started`) do not match.
 */
export function isRtmStartUrl(text: string): boolean {
  return RTM_START_URL.test(text.trim());
}

/** True for a string that is exactly the method name, as given to `apiCall` or an app's own helper. */
export function isRtmStartMethodName(text: string): boolean {
  return text === RTM_START;
}

const RTM_START_URL = /\/api\/rtm\.start(?:$|[?#])|^rtm\.start\?/;
