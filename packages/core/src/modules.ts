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

/**
 * The `slack` npm package (github.com/smallwins/slack): an object of Web API methods generated from
 * Slack's method list, each `method(params, callback)` with the token in `params`. Read off its
 * published versions (each one's method list, `api.json`): `rtm.connect` is there from 8.3.0,
 * `conversations.list` and `conversations.members` from 8.4.0; from 9.0.0 a method called without a
 * callback returns a promise, and the module is also a factory, `new Slack({ token })`, whose methods
 * add that token. 11.0.2 is the last version checked (the latest published). No version has
 * `team.preferences.list`.
 */
export const SLACK_PACKAGE = deepFreeze({
  module: 'slack',
  connectSince: [8, 3, 0] as const,
  conversationsSince: [8, 4, 0] as const,
  promisesSince: [9, 0, 0] as const,
  checkedThroughMajor: 11,
  missingMethods: ['team.preferences.list'] as const,
});
