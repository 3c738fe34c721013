import { deepFreeze } from './freeze.js';
import { READ_SCOPE_OF_TYPE, HISTORY_SCOPE_OF_TYPE } from './scopes.js';

/*
 * Socket Mode, as Slack documents it (docs.slack.dev "Using Socket Mode", @slack/socket-mode):
 * `apps.connections.open` with an app-level token (`xapp-…`, scope `connections:write`) hands out a
 * single-use WebSocket URL; the socket greets with `hello`, then delivers envelopes that the app must
 * acknowledge by sending back `{"envelope_id": …}`; unacknowledged envelopes are sent again with
 * `retry_attempt` / `retry_reason`.
 */

/** Prefix of an app-level token. */
export const APP_TOKEN_PREFIX = 'xapp-';

/** How long Slack waits for an envelope's acknowledgement before it retries it. */
export const SOCKET_MODE_ACK_SECONDS = 3;

/** Envelope types a Socket Mode app receives. */
export type SocketModeEnvelopeType = 'events_api' | 'interactive' | 'slash_commands';
export const SOCKET_MODE_ENVELOPE_TYPES: readonly SocketModeEnvelopeType[] = deepFreeze(['events_api', 'interactive', 'slash_commands']);

/**
 * `reason` of a `{"type": "disconnect"}` message: `warning` (this connection closes in about 10 s),
 * `refresh_requested` (Slack refreshes the connection: open the next one now), `link_disabled`
 * (Socket Mode was turned off for the app).
 */
export type SocketModeDisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled';
export const SOCKET_MODE_DISCONNECT_REASONS: readonly SocketModeDisconnectReason[] = deepFreeze(['warning', 'refresh_requested', 'link_disabled']);

/** `retry_reason` of an envelope sent again because it was not acknowledged in time. */
export const SOCKET_MODE_RETRY_REASON = 'timeout';

/** How often Slack retries an unacknowledged event (Events API: 3 retries). */
export const SOCKET_MODE_MAX_RETRIES = 3;

/** RTM refused frames from the client larger than this (16 kB). */
export const RTM_MAX_FRAME_BYTES = 16 * 1024;

/**
 * RTM's error answer to a send it refuses: `{ ok: false, reply_to, error: { code, msg } }`. Code 2
 * is what RTM answered for a message it could not send.
 */
export const RTM_SEND_ERROR_CODE = 2;

/** RTM frames a client may send that have no Socket Mode or Web API counterpart: accepted, then dropped. */
export const RTM_DROPPED_SENDS: Readonly<Record<string, string>> = deepFreeze({
  typing: 'Socket Mode has no typing indicator for bots.',
  presence_sub: 'The Events API has no presence_change event to subscribe to.',
  presence_query: 'The Events API has no presence_change event; call users.getPresence instead.',
});

/** One RTM event type and what a Socket Mode app gets instead. */
export interface RtmEventOnSocketMode {
  /** Events API bot events that carry it (subscribe to these), empty when there are none. */
  readonly botEvents: readonly string[];
  /** Bot scopes those events need. */
  readonly scopes: readonly string[];
  /** For RTM events Socket Mode lacks: what the bot loses, and what the bridge does about it. */
  readonly lost?: string;
}

const has = (botEvents: readonly string[], scopes: readonly string[]): RtmEventOnSocketMode => ({ botEvents, scopes });
const lost = (why: string): RtmEventOnSocketMode => ({ botEvents: [], scopes: [], lost: why });

/**
 * RTM events a bot relied on, and their Events API counterparts for a Socket Mode app. Events API
 * events arrive with the same `type` and (mostly) the same fields as the RTM event.
 */
export const RTM_EVENTS_ON_SOCKET_MODE: Readonly<Record<string, RtmEventOnSocketMode>> = deepFreeze({
  message: has(['message.channels', 'message.groups', 'message.im', 'message.mpim'], Object.values(HISTORY_SCOPE_OF_TYPE)),
  reaction_added: has(['reaction_added'], ['reactions:read']),
  reaction_removed: has(['reaction_removed'], ['reactions:read']),
  member_joined_channel: has(['member_joined_channel'], [READ_SCOPE_OF_TYPE.public_channel, READ_SCOPE_OF_TYPE.private_channel]),
  member_left_channel: has(['member_left_channel'], [READ_SCOPE_OF_TYPE.public_channel, READ_SCOPE_OF_TYPE.private_channel]),
  channel_created: has(['channel_created'], [READ_SCOPE_OF_TYPE.public_channel]),
  channel_deleted: has(['channel_deleted'], [READ_SCOPE_OF_TYPE.public_channel]),
  channel_rename: has(['channel_rename'], [READ_SCOPE_OF_TYPE.public_channel]),
  channel_archive: has(['channel_archive'], [READ_SCOPE_OF_TYPE.public_channel]),
  channel_unarchive: has(['channel_unarchive'], [READ_SCOPE_OF_TYPE.public_channel]),
  group_rename: has(['group_rename'], [READ_SCOPE_OF_TYPE.private_channel]),
  group_archive: has(['group_archive'], [READ_SCOPE_OF_TYPE.private_channel]),
  group_unarchive: has(['group_unarchive'], [READ_SCOPE_OF_TYPE.private_channel]),
  im_created: has(['im_created'], [READ_SCOPE_OF_TYPE.im]),
  team_join: has(['team_join'], ['users:read']),
  user_change: has(['user_change'], ['users:read']),
  team_rename: has(['team_rename'], ['team:read']),
  team_domain_change: has(['team_domain_change'], ['team:read']),
  emoji_changed: has(['emoji_changed'], ['emoji:read']),
  pin_added: has(['pin_added'], ['pins:read']),
  pin_removed: has(['pin_removed'], ['pins:read']),
  file_shared: has(['file_shared'], ['files:read']),
  file_deleted: has(['file_deleted'], ['files:read']),
  subteam_created: has(['subteam_created'], ['usergroups:read']),
  subteam_updated: has(['subteam_updated'], ['usergroups:read']),
  dnd_updated_user: has(['dnd_updated_user'], ['dnd:read']),
  presence_change: lost('No presence events in the Events API: presence_sub / presence_query are dropped; poll users.getPresence (users:read) where presence matters.'),
  manual_presence_change: lost('No presence events in the Events API; the bridge sends none.'),
  user_typing: lost('No typing events in the Events API; the bridge sends none.'),
  pref_change: lost('User preferences are not sent to apps; the bridge sends none.'),
  team_pref_change: lost('Not in the Events API; read team.info (team:read) when needed.'),
  bot_added: lost('Not in the Events API; read users.list (users:read) or watch team_join / user_change.'),
  bot_changed: lost('Not in the Events API; watch user_change (users:read).'),
  commands_changed: lost('Not in the Events API; the bridge sends none.'),
  channel_marked: lost('Read markers belong to users, not apps; the bridge sends none.'),
  group_marked: lost('Read markers belong to users, not apps; the bridge sends none.'),
  im_marked: lost('Read markers belong to users, not apps; the bridge sends none.'),
  star_added: lost('Stars are a user-token event (stars:read is a user scope); the bridge sends none.'),
  reconnect_url: lost('RTM-only; the bridge sends none (a bot reconnects through rtm.connect, which the bridge answers).'),
  goodbye: lost('Not an Events API event: the bridge sends RTM goodbye itself when Slack disables the Socket Mode link.'),
  hello: lost('Not an Events API event: the bridge sends RTM hello itself when a bot connects.'),
});

/** The bot scope `chat.postMessage` needs. */
export const CHAT_WRITE_SCOPE = 'chat:write';

/** Bot scopes an RTM bot on a Socket Mode app needs besides its events': posting replies and the rtm.start rebuild. */
export const BRIDGE_BOT_SCOPES: readonly string[] = deepFreeze([CHAT_WRITE_SCOPE, 'users:read', 'team:read', ...Object.values(READ_SCOPE_OF_TYPE)]);

/** Web API methods of a Socket Mode app (kept out of `METHODS`, whose entries all have a rate tier). */
export const SOCKET_MODE_METHODS = deepFreeze({
  /** Tier 1; takes the app-level token only. */
  appsConnectionsOpen: 'apps.connections.open',
  /** Its own limit: about one message per second per channel. */
  chatPostMessage: 'chat.postMessage',
} as const);
