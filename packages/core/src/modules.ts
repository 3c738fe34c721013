import { deepFreeze } from './freeze.js';

/** Which npm modules provide Slack's RTM clients, and which specifiers may provide a Slack client at all. */

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

/**
 * The legacy client takes `useRtmConnect: true` (and then starts with `rtm.connect`) only in
 * `@slack/client` 3.10.0 and later; `slack-client` (its name up to 2.x) always calls `rtm.start`.
 */
export const LEGACY_RTM_CONNECT_SUPPORT = deepFreeze({ module: '@slack/client', since: [3, 10, 0] as const, before: 'slack-client' });
