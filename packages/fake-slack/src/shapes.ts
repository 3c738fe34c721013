import { LEGACY_LIST_ITEM_FLAGS } from '@rtm-migrate/core';
import type { Conversation, SlackUser, Usergroup, Workspace } from './workspace.js';

/** Slack's boolean arguments: `true`, `1` (and their string forms) mean yes. */
export function flag(args: Record<string, string>, name: string): boolean {
  const v = args[name]?.toLowerCase();
  return v === 'true' || v === '1';
}

export function userShape(user: SlackUser, options: { locale: boolean; email: boolean }): Record<string, unknown> {
  const { email, ...profile } = user.profile;
  return {
    ...user,
    profile: options.email && email !== undefined ? { ...profile, email } : profile,
    ...(options.locale ? { locale: 'en-US' } : {}),
  };
}

/**
 * A user's presence, as `users.getPresence` gives it (neither `users.list` nor, since 2018, `rtm.start` has it):
 * deactivated accounts are away, the others active or away by their id, so the same run after run.
 */
export function presenceOf(user: SlackUser): 'active' | 'away' {
  if (user.deleted) return 'away';
  return (user.id.charCodeAt(user.id.length - 1) & 1) === 0 ? 'active' : 'away';
}

/**
 * Whether `user` set themselves away by hand (what `rtm.start` gave the bot as `self.manual_presence`
 * and `users.getPresence` gives the caller as `manual_away`): some of those away, by their id.
 */
export function manualAwayOf(user: SlackUser): boolean {
  return presenceOf(user) === 'away' && !user.deleted && (user.id.charCodeAt(user.id.length - 2) & 1) === 1;
}

/**
 * `users.getPresence`'s answer: asked about the caller itself, the presence with how it came about
 * (away by hand or automatically, connected or not); about anyone else, only the presence.
 */
export function presenceAnswer(user: SlackUser, caller: boolean, now: number): Record<string, unknown> {
  const presence = presenceOf(user);
  if (!caller) return { presence };
  const manualAway = manualAwayOf(user);
  const online = !user.deleted;
  return {
    presence,
    online,
    auto_away: presence === 'away' && !manualAway,
    manual_away: manualAway,
    connection_count: online ? 1 : 0,
    // Slack leaves `last_activity` out when no client is connected.
    ...(online ? { last_activity: now } : {}),
  };
}

const textFact = (value: string, creator: string, at: number): Record<string, unknown> => ({
  value,
  creator: value ? creator : '',
  last_set: value ? at : 0,
});

/** A conversation as `conversations.list` and `conversations.info` return it. */
export function conversationShape(
  ws: Workspace,
  c: Conversation,
  options: { locale?: boolean; numMembers?: boolean } = {},
): Record<string, unknown> {
  const locale = options.locale ? { locale: c.locale } : {};
  if (c.type === 'im') {
    return {
      id: c.id,
      created: c.created,
      is_archived: false,
      is_im: true,
      is_org_shared: false,
      context_team_id: ws.team.id,
      updated: c.created * 1000,
      user: c.user,
      is_user_deleted: ws.user(c.user ?? '')?.deleted ?? false,
      priority: 0,
      ...locale,
    };
  }
  // Older private channels (G ids) still read as groups; newer ones (C ids) as private channels.
  const legacyGroup = c.type === 'private_channel' && c.id.startsWith('G');
  return {
    id: c.id,
    name: c.name,
    is_channel: c.type === 'public_channel' || (c.type === 'private_channel' && !legacyGroup),
    is_group: legacyGroup,
    is_im: false,
    is_mpim: c.type === 'mpim',
    is_private: c.type !== 'public_channel',
    created: c.created,
    is_archived: c.isArchived,
    is_general: c.isGeneral,
    unlinked: 0,
    name_normalized: c.name,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: ws.team.id,
    updated: c.created * 1000,
    parent_conversation: null,
    creator: c.creator,
    is_member: c.isMember,
    topic: textFact(c.topic, c.creator, c.created),
    purpose: textFact(c.purpose, c.creator, c.created),
    previous_names: [],
    ...(options.numMembers ? { num_members: ws.memberCount(c) } : {}),
    ...locale,
  };
}

export interface LegacyOptions {
  locale: boolean;
  noLatest: boolean;
  noUnreads: boolean;
  simpleLatest: boolean;
  memberLimit: number;
}

/**
 * A conversation as `rtm.start` listed it: `members` (cut at `memberLimit`) only where the bot is a
 * member, with `latest` and unread counts unless `no_latest` / `no_unreads`. Returns whether it cut.
 */
export function legacyConversationShape(
  ws: Workspace,
  c: Conversation,
  list: 'channels' | 'groups' | 'mpims' | 'ims',
  options: LegacyOptions,
): { shape: Record<string, unknown>; truncated: boolean } {
  const shape: Record<string, unknown> = { id: c.id };
  let truncated = false;
  if (list === 'ims') {
    Object.assign(shape, { is_im: true, user: c.user, created: c.created, is_user_deleted: ws.user(c.user ?? '')?.deleted ?? false, is_open: c.isOpen });
  } else {
    Object.assign(shape, {
      name: c.name,
      ...(list === 'channels' ? { is_channel: true } : {}),
      ...LEGACY_LIST_ITEM_FLAGS[list],
      created: c.created,
      creator: c.creator,
      is_archived: c.isArchived,
      ...(list === 'channels' ? { is_general: c.isGeneral, name_normalized: c.name, is_shared: false, is_org_shared: false, is_member: c.isMember } : {}),
      is_private: c.type !== 'public_channel',
      is_mpim: c.type === 'mpim',
    });
    if (c.isMember) {
      const count = ws.memberCount(c);
      shape['members'] = ws.members(c, 0, options.memberLimit);
      truncated = count > options.memberLimit;
    }
    Object.assign(shape, {
      topic: textFact(c.topic, c.creator, c.created),
      purpose: textFact(c.purpose, c.creator, c.created),
      ...(list === 'mpims' || list === 'groups' ? { is_open: c.isOpen } : {}),
    });
  }
  if (c.isMember) {
    shape['last_read'] = c.lastRead;
    if (!options.noLatest) shape['latest'] = options.simpleLatest ? c.latestTs : latestMessage(c);
    if (!options.noUnreads && !options.noLatest) Object.assign(shape, unreadCounts(c));
  }
  if (options.locale) shape['locale'] = c.locale;
  return { shape, truncated };
}

export function usergroupShape(ws: Workspace, g: Usergroup, options: { users: boolean; count: boolean }): Record<string, unknown> {
  return {
    id: g.id,
    team_id: ws.team.id,
    is_usergroup: true,
    is_subteam: true,
    name: g.name,
    description: g.description,
    handle: g.handle,
    is_external: false,
    date_create: g.created,
    date_update: g.created,
    date_delete: 0,
    auto_type: null,
    auto_provision: false,
    enterprise_subteam_id: '',
    created_by: g.creator,
    updated_by: g.creator,
    deleted_by: null,
    prefs: { channels: [], groups: [] },
    ...(options.users ? { users: ws.members(g) } : {}),
    ...(options.count ? { user_count: ws.memberCount(g) } : {}),
  };
}

/** The newest message of a conversation: `rtm.start`'s `latest`, `conversations.history`'s first message. */
export function latestMessage(c: Conversation): Record<string, unknown> {
  return { type: 'message', user: c.creator, text: `latest in ${c.name || c.id}`, ts: c.latestTs };
}

/** The unread counts `rtm.start` and `conversations.info` give for a conversation the bot is in. */
export function unreadCounts(c: Conversation): { unread_count: number; unread_count_display: number } {
  return { unread_count: c.unreadCount, unread_count_display: c.unreadCount };
}

/** A user's Do Not Disturb state, as `rtm.start`'s `dnd`, `dnd.info` and `dnd.teamInfo` give it: nobody's is on. */
export function dndShape(own: boolean): Record<string, unknown> {
  return { dnd_enabled: false, next_dnd_start_ts: 1, next_dnd_end_ts: 1, ...(own ? { snooze_enabled: false } : {}) };
}

/** The team preferences `team.preferences.list` answers (its own keys); `rtm.start`'s `team.prefs` had them too. */
export function teamPreferences(): Record<string, unknown> {
  return { msg_edit_window_mins: -1, display_real_names: false, disable_file_uploads: 'allow_all', who_can_post_general: 'ra' };
}
