import { deepFreeze } from './freeze.js';
import { RTM_CONNECT } from './methods.js';

/**
 * Facts the ESLint plugin (and any other finder) needs beyond the method tables: which npm modules
 * provide Slack clients, how `rtm.connect` is addressed over HTTP, and the texts of the fixes it offers.
 */

/** Modules whose `RTMClient` is `@slack/rtm-api`'s (v4+: `start()` uses `rtm.connect` unless `useRtmConnect: false`). */
export const RTM_CLIENT_MODULES: readonly string[] = deepFreeze(['@slack/rtm-api', '@slack/client']);

/** Modules whose `RtmClient` is the legacy v3 client that starts with `rtm.start` (reference §6). */
export const LEGACY_RTM_CLIENT_MODULES: readonly string[] = deepFreeze(['@slack/client', 'slack-client']);

/**
 * The legacy v3 `RtmClient` required by its file (`@slack/client/lib/clients/rtm/client`): the module
 * itself is the class.
 */
export function isLegacyRtmClientModule(specifier: string): boolean {
  return /^(?:@slack\/client|slack-client)\/lib\/clients\/rtm\/client(?:\.js)?$/.test(specifier);
}

/**
 * True when an import specifier may provide a Slack client: `@slack/*`, anything named `slack`, and
 * relative paths (the app's own wrapper). A bare specifier without `slack` in it is another vendor's
 * module, whose `rtm.start` is not Slack's.
 */
export function isPossiblySlackModule(specifier: string): boolean {
  return /slack/i.test(specifier) || specifier.startsWith('.') || specifier.startsWith('/');
}

/** True when `text` addresses `rtm.connect` over HTTP (`…/api/rtm.connect`, `rtm.connect?token=`). */
export function isRtmConnectUrl(text: string): boolean {
  return RTM_CONNECT_URL.test(text.trim());
}

/**
 * True for a piece of a URL that is assembled from parts (`base + 'rtm.start?token=' + t`,
 * `` `${base}rtm.start` ``): the piece, following a base, names `rtm.start` as the path's last segment.
 */
export function isRtmStartUrlTail(piece: string): boolean {
  return /^\/?rtm\.start(?:$|[?#])/.test(piece);
}

/** The same for `rtm.connect`. */
export function isRtmConnectUrlTail(piece: string): boolean {
  return /^\/?rtm\.connect(?:$|[?#])/.test(piece);
}

const RTM_CONNECT_URL = new RegExp(`/api/${RTM_CONNECT.replace('.', '\\.')}(?:$|[?#])|^${RTM_CONNECT.replace('.', '\\.')}\\?`);

/** Texts of the fixes and suggestions a tool offers next to the findings of `MESSAGES`. */
export const FIX_MESSAGES = deepFreeze({
  useRtmConnect:
    'Call `rtm.connect` instead of `rtm.start` and drop the arguments it does not accept; then fetch the start-only fields this code reads with their replacement methods.',
  dropUseRtmConnectFalse:
    'Remove `useRtmConnect: false` so that RTMClient calls `rtm.connect`; then fetch the start-only data this code reads with its replacement methods.',
  useRtmConnectUrl: 'Request `rtm.connect` instead of `rtm.start`; then fetch the start-only data this code reads with its replacement methods.',
} as const);

/** The legacy v3 `RtmClient`'s `dataStore` (`MemoryDataStore`) is filled from `rtm.start`'s response (reference §6). */
export const LEGACY_DATA_STORE_MESSAGE =
  "The legacy `RtmClient`'s `dataStore` is filled from the retired `rtm.start`'s response, which may come back in `rtm.connect`'s shape and leave it empty: look users and conversations up with `users.info` / `conversations.info` (or page through `users.list` / `conversations.list`).";
